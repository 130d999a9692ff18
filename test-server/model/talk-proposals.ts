// More of the built-in talk (see talk-corpus.ts): what a seat proposes, hopes and fears, and how
// it meets a compromise. With talk-weighing.ts and talk-people.ts the talk has enough whole
// sentences for every seat of a 200-turn discussion (some 800 against the ~700 it says).
export const TALK_PROPOSALS = `
Here is what I would propose, and it is deliberately modest.
My proposal is to start with one small change and build from there.
We could try it on a few days a week before we commit to every day.
I would begin with the hours people ask for most and leave the rest for later.
Let us choose one place to try it and watch it closely.
I would run it for six months and then publish what we learned.
We could share the cost with a partner who benefits from it too.
A simple rota would solve half of the problems we have been discussing.
I would ask the people who use it to help shape the first version.
Why not start with the cheapest part and see who comes?
We could borrow the idea from somewhere it already works and adapt it.
I would keep the current arrangement running while we try the new one beside it.
Let us set aside a small fund for the things we have not thought of.
I would make the rules short, clear and posted where everyone can see them.
We could start in the summer, when the risks are lower and the evenings are long.
I would rather fix the basics first and add the extras when they are paid for.
A trial with a clear end date would let everyone relax a little.
We could ask volunteers to help, but not rely on them for everything.
I would start with what people can already see and touch.
Let us make the first change something people will notice and like.
I would build in a way to hear complaints early, before they grow.
We could try a lighter version first and keep the heavier plan in reserve.
I would tie the next phase to the results of the first one.
We should agree now on who signs off each stage.
I suggest a small group meets every month to keep an eye on it.
Let us write the plan so that someone new could pick it up and run it.
I would make it free at first and think about charges only if we must.
I would keep one part exactly as it is, so nobody loses what they value.
Let us open a little earlier and a little later, and see who comes.
We could test the idea for one season and then ask everyone what they think.
We should make the first step easy to undo and the second step easy to explain.
I would rather improve the old arrangement than replace it outright.
I would combine the two ideas rather than choose between them.
One option is to phase it in slowly and stop if the costs climb.
Let us try a version that asks little of the staff and much of the design.
We could ask the neighbours to help us judge whether it is working.
I would like a simple sign at the door that says who to contact.
A small budget for repairs would make the whole thing more robust.
My hope is that in a year this feels ordinary, as if it had always been here.
I hope we look back on this as the moment we started listening.
What I hope for is a place that is busy, calm and well looked after.
I would love to see people using it at hours we never imagined.
My fear is that we build something nobody dares to use.
I am afraid that a good idea will be buried under too many conditions.
What frightens me is a half-finished plan that nobody wants to own.
I worry that we will lose patience before the results come in.
My hope is modest: that it works, and that people notice.
I would be happy if it simply did what it promised.
The best outcome would be one that surprises the sceptics.
The worst outcome would be a decision that pleases nobody and helps nobody.
I hope we do not mistake a quiet start for a failure.
I fear we are asking too much of a plan that has not started yet.
If this works, it could be a model for other places.
If this fails, I want us to fail honestly and learn from it.
I can live with a compromise, as long as it is not a fudge.
A compromise is only good if both sides can still recognise their idea in it.
I am willing to give ground on the timing if we hold firm on the principle.
I would trade speed for certainty here.
I could accept less than I hoped for, if it is done well.
Meeting halfway is fine, as long as we do not end up nowhere.
I think we can split the difference without splitting the town.
Let us find the part of each proposal that nobody objects to.
I would rather have a small agreement than a large argument.
If we each give a little, we might get something that lasts.
I would drop my preferred option if it meant we could move forward together.
There is a deal to be made here, and I think we are close to it.
I do not want a compromise that leaves the hard questions for someone else.
I think a good compromise would keep the trial and cap the cost.
A middle path is not weakness, it is often the only way forward.
I want us to agree on something we can defend, not something we can merely survive.
Let me sum up what I think we agree on so far.
I think we agree on the need and disagree on the method.
It seems to me that nobody here wants to close the door completely.
I hear a lot of support for a trial and a lot of worry about the cost.
The common thread tonight is that people want something they can rely on.
It sounds as if we all want the same outcome by different roads.
I think the choice is clearer now than it was at the start.
We have narrowed it down, and that is real progress.
I think we now know which questions still need answers.
If I had to put tonight in one sentence, it would be: carefully, but yes.
If I had to put tonight in one sentence, it would be: not yet.
We should write down what we agreed before we forget it.
I think we are ready to take a first step, if not the whole journey.
There is still a real difference between us, and that is fine.
Let me try to put the other side's case as fairly as I can.
I think the best version of the argument against is about trust, not money.
The case for it is stronger than I expected when we started.
The case against it is weaker than it first sounded, but it is not nothing.
I can see how a reasonable person would come down on either side.
I want to be fair to the people who disagree with me.
Let me change my position slightly, because I have been listening.
I think I was wrong earlier, and I want to say so.
I was too quick to dismiss that idea at the start.
I still hold my view, but I hold it less tightly than before.
I have moved a little, and I think others have too.
I came here to argue for one thing, and I leave arguing for something better.
That reminds me of a conversation I had last month.
A friend of mine put it well: nobody misses a thing until it is gone.
I think of the evenings when the only light on the street is this building.
There is a particular kind of quiet that only a shared space gives you.
I grew up somewhere that lost its meeting places, and I saw what that did.
Some of my happiest hours were spent in a place like this.
I have sat with people who had nowhere else to go that evening.
I have watched a neighbourhood change because one door stayed open.
Ask anyone who grew up here, and they will have a story about this place.
A place where strangers sit side by side in silence is rarer than we think.
We should not underestimate how much a warm, quiet room means to someone.
I think this is one of those decisions people will still talk about in years.
The people who built this place before us took bigger risks than this.
We have a chance to be remembered for something good.
I do not want to be the one who explains later why we did nothing.
This is the kind of decision that is easy to postpone and costly to avoid.
It is a hard choice, and it should feel hard.
I think we are braver than this discussion suggests.
We should be careful, but we should not be timid.
I want us to be ambitious about the goal and humble about the method.
A good idea deserves a fair chance, not an endless delay.
We should give the idea room to breathe before we judge it.
I would like us to show that careful and bold are not opposites.
Nothing changes if everyone waits for someone else to go first.
Sometimes the careful choice is to act, not to wait.
I do not think caution and progress are enemies here.
The right answer is probably less dramatic than either side fears.
We should stop treating every change as a threat.
Change is easier when people can see it coming.
People accept change more readily when they are asked before it happens.
A good plan gives people something to look forward to.
We should make it easy to say yes and easy to come back to us with problems.
I think the simplest plans are the ones that survive.
Complicated rules are the first thing people ignore.
If it needs a long explanation, it is probably too complicated.
A plan is only finished when the people using it understand it.
We should write it in plain words, not in the language of reports.
Let us keep the jargon out of it.
I want to be able to explain this to my neighbour over the fence.
It should be possible to say in one line who this is for.
Let us not build a plan that only its authors can follow.
Clarity is a kindness to the people who have to live with the result.
I think we owe the public a clear answer, not a clever one.
A clear no is better than a vague maybe.
A clear yes with conditions is better than a grudging one.
I want us to leave with fewer open questions than we arrived with.
We have spent a long time on the problem, and now we should spend some on the answer.
Let us spend the rest of our time on what we would actually do.
The next step should be concrete enough to put in a calendar.
I would like a name, a date and a budget next to each promise.
We should decide who does what before we leave the room.
A plan without an owner drifts, and I have seen many drift.
I will happily take on part of the follow-up myself.
I think we should check back in with each other before the first phase ends.
It would help to meet again once the first figures are in.
We should tell people what we decided and why, in that order.
Let us make sure this discussion leads somewhere.
I am encouraged by how much we have agreed on.
I am a little disappointed that we have not gone further.
I think we have done the hard thinking, and now comes the hard work.
I will leave tonight more hopeful than I arrived.
I am not completely satisfied, but I am willing to go along with it.
There are still things that worry me, and I will keep raising them.
I will be watching the first months closely, and I expect others will too.
If it goes well, I will be the first to say I was too cautious.
If it goes badly, I hope we have the courage to stop.
I think we can be proud of the way we argued tonight.
Nobody got everything they wanted, and that is usually a good sign.
I think the plan is better for having been argued over.
We disagreed well, and that matters more than people think.
Thank you for listening to an awkward point of view.
I know my view is not popular here, and I still think it needs saying.
Someone has to ask the uncomfortable question, so let me ask it.
I may be the only one who sees it this way, and I could be wrong.
I feel strongly about this, and I will try not to let that cloud my judgement.
I am speaking from the heart here more than from the figures.
I will try to be brief, because much of this has been said.
Let me add one practical point and then I will stop.
I think a short answer serves us better here than a long one.
That is the part of the plan I am least sure about.
This is where I think the plan is strongest.
This is where I think the plan is weakest.
I would spend more time on the weak parts and less on the strong ones.
The weak point is not the idea, it is the follow-through.
The strong point is that it is easy to try.
I think the details will decide this, more than the big picture.
The big picture is clear, it is the small print that worries me.
We should read the small print together before anyone signs.
It is the ordinary days, not the special ones, that will decide if this works.
I want this to work on a dull Monday as well as on opening day.
The opening day is easy, it is the hundredth day that counts.
A lot of good plans die of boredom in the second year.
We should plan for the moment the novelty wears off.
Once the excitement fades, what is left has to be worth keeping.
I am less interested in the launch than in what happens afterwards.
We should judge this by how it feels in a year, not in a week.
I would like a plan that grows more useful as people get used to it.
The people who come once and leave disappointed are the ones we should study.
We learn most from the people who stop coming.
If people stop using it, we should find out why before we do anything else.
It would help to hear from the people who tried it and gave up.
`;

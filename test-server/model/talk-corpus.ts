// How people talk at a table, in the first person: the connective tissue the offline model
// splices the table's own material into (the persona, the context, what was said). Written for
// this project, general enough for any topic, and full of the common word pairs ("I think",
// "the town", "of the", "we should") where a two-word chain can cross from one source to another.
// More of it in talk-weighing.ts, talk-people.ts and talk-proposals.ts: a long discussion needs
// that many sentences.
import { TALK_PEOPLE } from './talk-people.js';
import { TALK_PROPOSALS } from './talk-proposals.js';
import { TALK_WEIGHING } from './talk-weighing.js';

const FIRST_TALK = `
I think we should start from what we actually know before we argue about what we want.
That is a fair point, but the question is who carries the cost when things go wrong.
Let me push back a little on that, because the evidence is thinner than it sounds.
My worry is that we keep talking about averages while people live with the extremes.
I agree with the goal, and I disagree with almost every step of the plan.
The simplest version of this idea is also the one most likely to survive the first winter.
We tried something like this years ago, and the lesson was that incentives beat good intentions.
Could we separate the part we agree on from the part we are only guessing about?
The strongest argument on the other side is not about money but about trust.
I would like to hear how this works for someone who has no say in the decision.
Small experiments tell us more than grand predictions, and they are cheaper to undo.
There is a real tension between moving fast and bringing everyone along.
I am not convinced that more rules will fix a problem that was caused by too many rules.
Perhaps the answer depends on the scale, because what works in a village may fail in a city.
We owe it to the people affected to say clearly what we do not know.
That example is vivid, but a single story is not a trend.
If I am wrong about this, I want to know early and cheaply.
Let us be concrete about what we would do differently on Monday morning.
The costs are visible today while the benefits arrive slowly and quietly.
I keep coming back to the question of who gets to decide.
A good compromise leaves everyone a little unhappy and nobody betrayed.
We should name the trade-off instead of pretending it does not exist.
Before we settle this, I would want to know what would change your mind.
What looks like resistance is often people protecting something they value.
We can disagree on the diagnosis and still share the next step.
The burden of proof should fall on whoever asks others to take the risk.
Long-term thinking is easy to praise and hard to pay for.
I think the real question is who will be paying for all this in ten years.
For me, the numbers have to add up before anything else.
I have seen plans like this look wonderful on paper and fall apart in the second year.
What matters to me is that people can still get to work, to school and to the doctor.
I would rather start small and see what works than promise everything at once.
That is exactly why I keep asking about the running costs.
If we get this wrong, the people with the fewest choices pay for it.
I do not think anyone here wants the town to stand still.
I can live with that, as long as we keep the option to change course.
My experience is that the hard part is never the building, it is the upkeep.
I like the ambition, and I want to see the sums.
We have to be honest about what the money can and cannot do.
I hear the enthusiasm, but enthusiasm does not repair anything.
I am more optimistic than that, and I will tell you why.
There is a version of this that works for young families and for older residents alike.
Nobody has yet told me what happens when the grant runs out.
I would put the money where it helps the most people every day.
It is not either one or the other, and we should stop talking as if it were.
My instinct is to keep our options open until the numbers are in.
I think we are underestimating how much people care about this place.
I have lived here long enough to know that promises are cheap and maintenance is not.
We keep saying the community, but the community is not one voice.
I want a plan that can stop halfway without leaving a mess behind.
I agree with that more than I expected to.
That is the part I find hardest to accept.
I am not against it, I just want to know who is responsible when it breaks.
The best plans I have seen were boring, cheap and finished on time.
Let me add something from my own work, because it changes the picture.
In my experience, people use what is convenient, not what is good for them.
I would like us to look at what is already there before we build anything new.
We could do a pilot for a year and decide with real numbers.
I think the town can do better than the cheapest option.
That sounds good tonight, and I am not sure it will sound good in ten years.
For some people, this is not a question of taste but of getting anywhere at all.
I would be careful with that figure, because it is an estimate and a hopeful one.
The risk I see is that we spend the reserves and still have nothing to show for it.
I can see a way to do both, if we phase it.
What I hear from people my age is that they want a reason to stay.
The place only works if people actually want to be there in the evening.
I think nature is not a luxury, it is part of why people live where they live.
We should ask who uses the land today, even if they never come to meetings.
I am afraid we are designing this for visitors and forgetting the people who live here.
I think we agree on more than it seems.
Where we differ is on the order of things, not on the goal.
Let me be clear about where I stand.
I would not close any door tonight that we cannot open again.
It has to pay its way, or at least not sink the budget.
I think that idea deserves more credit than it is getting.
I am not sure the numbers support that, but I am willing to be shown.
We should keep the whole thing in one piece, whatever we put on it.
I want something built that my children will still use.
Honestly, the cost is the easy part to argue about, and the politics is the hard part.
I would start with the cheapest step that keeps every option alive.
Nobody will thank us for a plan that looks brave and runs out of money.
I keep thinking about the people who cannot drive.
We need something that works on a wet Tuesday in November, not just on a sunny Sunday.
If we do this, we should do it properly or not at all.
I think the town has waited long enough for a decision.
The question is not whether it is possible but whether it is worth it.
My fear is that we choose the option that is easiest to announce.
I support the idea in principle, and I have two conditions.
The first condition is a budget that covers the upkeep, not just the opening.
The second condition is that the people nearest to it get a real say.
I find that convincing, and it changes my view a little.
I have changed my mind on this more than once, and I may do it again.
That is a better argument than mine, and I will say so.
Let me try a different angle on the same problem.
It might help to ask what we would regret most.
I would rather disappoint people now than fail them later.
The money is real, but so is the risk.
I want the decision to be one we can explain to the people watching.
I do not see why we cannot have both in the long run.
If the numbers are close, I would choose the option that keeps more people connected.
Good ideas fail when nobody owns them, and I want to know who owns this one.
I think we should listen to the people who actually use the place.
There is a cheaper way to get most of the benefit, and I want us to look at it.
Maybe the answer is to do less, and do it well.
I worry that we are solving yesterday's problem.
That is where the real cost hides.
It is easy to be brave with other people's money.
I am hopeful, and I am also counting.
I think it would change the town for the better, if we are patient.
People are not against change, they are against being surprised by it.
I would like us to agree on the first step, even if we disagree on the last one.
Let me say what I would do on the first day.
We have one chance to get the order right.
I think it is worth the effort, and I think it will take longer than we hope.
The evening matters as much as the morning rush.
I would much rather fix what we have than promise something new.
That is a good question, and I do not have a perfect answer.
I can only speak from what I have seen myself.
What I have seen is that small towns lose people one closed door at a time.
If we want young people to stay, we have to give them a reason and a place.
We should not pretend that doing nothing is free.
Doing nothing has a cost too, and it grows every year.
I think we are closer to an answer than we were an hour ago.
My view is simple: keep it affordable, keep it open, and keep it honest.
I would not bet the reserves on a single grant.
It depends on who runs it and who pays for the running.
The plan has to survive the first bad winter and the first tight budget.
I would want a clear exit if it fails.
Let us not mistake a good story for a good plan.
I think people will use it if it is safe, cheap and close.
That is the heart of it for me.
I think we owe the people on the edges more than a footnote.
The first thing people see will decide whether they come back.
Let us keep the best of each idea and drop the rest.
I think we should be bold about the vision and careful with the money.
So far I have heard good reasons on every side.
Here is what worries me about the timing.
Let me give you a number, and then a story.
The people I talk to every week are tired of promises.
It sounds simple, and that is exactly why I distrust it.
Nobody has asked the people who would pay for this every month.
We have done the easy part, which is agreeing that something must change.
My question is a practical one: who maintains it on a cold morning?
I changed my view on this last year, after I saw the figures.
In practice the first year decides whether people trust it.
Some of us will be gone by the time the bill arrives, and that should make us careful.
There is a difference between what is popular and what is sustainable.
We can make this work, but not with the budget we have today.
What I want to avoid is a plan that pleases this room and fails the town.
I would rather we argue now than regret it in five years.
To be fair, the other side has a point about the risk.
I see real value in that, and I see a real cost.
The first step should be cheap, visible and easy to reverse.
We should ask the people who will use it, not only the people who will vote on it.
That argument works on a map and not on the ground.
My sense is that we agree on the destination and not on the route.
The honest answer is that nobody knows yet, and we should say so.
If we wait for perfect information, we will wait forever.
People remember the broken promise long after they forget the ribbon.
I am in favour, provided we can stop if it goes wrong.
I am against it as it stands, and I could be persuaded.
The cost is not only money, it is also time and goodwill.
A small town cannot afford a big mistake.
I would start by fixing what is already broken.
Every option has a winner and a loser, and we should name both.
We talk about the future, but the future is built by the budget.
My neighbours would ask one thing first: what changes for us next year?
There are cheaper ways to test this idea before we commit.
It matters who benefits first, because the first winners shape the story.
Let us not pretend that maintenance will take care of itself.
I have more questions than answers, and that is fine at this stage.
The best argument for it is also the best argument for doing it slowly.
We should be clear about what success would look like.
If it fails, I want it to fail small.
I can support a compromise if it keeps the door open.
The numbers look better when you count the benefits nobody puts in a spreadsheet.
We keep circling back to money, and money is only half of it.
I think the young people at this table see something the rest of us miss.
Experience tells me to be cautious, and hope tells me to be bold.
The question for me is what we can still undo in ten years.
We need a plan that survives a change of council.
I would like to see this tried somewhere else first.
The risk of doing too little is as real as the risk of doing too much.
I hear two good ideas competing for the same money.
Let me put the question back to the table.
What would make this fair for the people who live furthest away?
We owe the next generation more than a debt and an empty building.
There is a quiet majority here that just wants things to work.
I like the idea, and I do not like the price.
It would help to know what the neighbours actually think.
We could phase it: the cheap part now, the expensive part when we know more.
If I had to decide tonight, I would choose the option we can afford to maintain.
The town has surprised itself before, and it can do so again.
That is a good point, and it is also an expensive one.
I do not want us to confuse a vision with a budget.
Let us agree on what we will measure, and then let the results speak.
The grant is attractive, but grants end and costs do not.
I am thinking of the people who cannot come to meetings like this one.
Any plan that needs everything to go right will fail.
We should leave room for the next council to change its mind.
I would rather have something modest that works than something grand that stalls.
The evidence from other towns is mixed, and we should say that plainly.
I trust the idea more when I know who will run it.
Let me be blunt: the money will not stretch that far.
There is a version of this I could defend to my neighbours.
If we choose this, we should choose it for the right reasons.
We have heard the hopes, and now we need the sums.
I am glad we are talking about people and not only about concrete.
The simplest test is whether anyone would miss it if it closed.
It is worth asking what we would do with the money instead.
The loudest voices are not always the ones with the most at stake.
I would ask for a review after one year, with real figures.
We should take the time to get this right, but not forever.
`;

export const TALK_TEXT = FIRST_TALK + TALK_WEIGHING + TALK_PEOPLE + TALK_PROPOSALS;

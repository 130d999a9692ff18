// More of the built-in talk (see talk-corpus.ts): weighing a plan, its costs, its evidence, its
// risks and the conditions a seat sets. A 200-turn discussion says some 700 sentences, and a
// sentence heard is never said again: with the first talk alone (213 sentences) every seat ran
// out by turn 55 and said stock lines ("I am not convinced yet.") or splices from then on.
export const TALK_WEIGHING = `
I would like to see the running costs written down before anyone votes.
A budget that only covers the first year is not a budget, it is a hope.
The price of getting this wrong is paid for years, not months.
I am wary of any plan whose costs start after the next election.
Show me the second year of the budget and I will tell you what I think.
Every extra hour has to be paid for, and somebody has to find the money.
I would rather spend a little more now than a lot more later.
We are arguing about the opening costs when the real money is in the running.
A cheap start can become the most expensive decision we ever made.
I have never seen a project come in under budget, and I do not expect this one to.
If the money runs short, I want to know what goes first.
I think we can afford a trial, and I do not think we can afford a failure.
There is always money for the launch and never enough for the repairs.
We need a number we can defend in public, not a number that sounds good.
I would put a ceiling on the spending and stick to it.
The savings everyone promises have a habit of arriving late.
Somebody always pays, and I want to know who it is this time.
We should cost the quiet parts too, the cleaning, the checks, the paperwork.
I do not mind spending money, I mind spending it twice.
The cheapest option is not always the one that costs the least.
If this is worth doing, it is worth paying for properly.
Let us count what we already spend before we add anything new.
I suspect the hidden costs are bigger than the visible ones.
I want to see what we would stop doing to pay for this.
A plan without a budget line is a wish list.
Money spent on a good start is rarely wasted.
We could find the money, but we should be honest about where it comes from.
I am not asking for certainty, I am asking for a plausible figure.
We are being asked to trust a forecast, and forecasts are often wrong.
The evidence I have seen points one way, but it is not strong.
I would like to know where that figure comes from.
One good year does not prove anything, and neither does one bad year.
Before we believe the numbers, we should ask who collected them.
I have read the report, and it is more cautious than the summary.
We should look at the places that tried this and stopped.
The failures elsewhere teach us more than the successes.
I would trust a small honest study over a large hopeful one.
We do not need perfect data to take a careful first step.
Counting people at the door tells us something, but not everything.
Some of the most important benefits will never show up in a table of figures.
I would like a second opinion on the estimate before we rely on it.
The figures are old, and a lot has changed since they were gathered.
We can measure use, and we should also ask people how it felt.
If we cannot measure it, we should at least agree on what we will watch.
I am persuaded by the figures, but only just.
The trend is clear even if the details are not.
It is possible the problem is smaller than we think, and I would like to check.
We should collect the figures before the trial starts, not after.
A survey of the people already here would tell us a lot.
I do not trust a result that arrives exactly when someone needs it.
We should decide now what result would make us stop.
Let us write down what we expect, so we can see later if we were right.
The risk is not that it fails, the risk is that it half works for years.
Every new idea looks safe on paper, and the trouble starts on the first busy day.
I would rather face the risk openly than discover it later.
Some risks we can reduce, and some we simply have to accept.
We should ask what happens on the worst night of the year, not the average one.
I can imagine this going well, and I can imagine it going badly.
The danger is that we spread ourselves too thin.
A plan that depends on one person is a plan that will fail when they leave.
If something goes wrong, people need to know who to call.
I want to hear about the bad scenarios as well as the good ones.
We should plan for the day when nobody is watching.
Trust is slow to build and quick to lose.
A single bad incident could undo years of goodwill.
I think the risk is manageable, if we are serious about managing it.
Let us not frighten ourselves with the rarest case.
The biggest risk is that we do nothing and call it caution.
There is a risk in waiting as well as in acting.
I would want someone to check on it every week for the first months.
Let us name one person who is responsible and give them the means to act.
I would like a plan for what happens when it goes wrong, not just when it goes right.
I can accept the risk if the people taking it have agreed to it.
Safety is not the only thing that matters, but it comes first.
I would make the first phase small enough that a failure is cheap.
We should agree on how we will decide before we argue about what to decide.
This should return to the table with figures in six months.
A clear timetable would reassure a lot of people.
Let us set a date for a decision and keep to it.
We need someone to own the follow-up, or nothing will happen.
I would rather take one more month than make the wrong choice quickly.
We could ask for proposals and compare them side by side.
It would help to have the options on one page with their costs.
I suggest we agree on the principles tonight and leave the details for later.
Let us be careful not to decide by exhaustion.
We should hear from the people who will run it before we decide.
I would like the final plan to be short enough that everyone reads it.
A review with real figures would settle a lot of these arguments.
We should be able to explain this decision in two sentences.
I think we need a simpler version of the question.
The order in which we do things matters more than we admit.
I would split the decision into a small part now and a larger part later.
Let us make sure the people affected hear about it from us first.
We should put the plan in front of the public before it is final.
A decision made in a hurry tends to be undone in a hurry.
I want a clear point at which we can stop without losing face.
If we agree on the goal, the method is easier to argue about.
I would like a written promise about what happens after the trial.
We should keep the process open, even when it is slower.
I support it, on the condition that we review it honestly.
I could vote for this if the costs were capped.
My condition is simple: it has to work for the people who need it most.
I will back the plan if we can reverse it without great loss.
I would support a trial, but not a permanent change yet.
If the staff are on board, I am on board.
I am in favour, as long as nobody loses what they have now.
I would agree to it if we had a clear way to measure it.
Give me a fair review and a real exit, and I will support it.
I am open to it, but not at any price.
I would want the people nearest to it to have the last word.
My support depends on who runs it day to day.
I would back a smaller version of this without hesitation.
If we can keep the cost down, I am willing to try.
I am against the plan as written, and I could support a modest version of it.
I am not ready to say yes, and I am not ready to say no.
I lean towards yes, but I want to hear the strongest case against it.
I started out sceptical, and I am less sceptical now.
I think this is the right direction, even if the details need work.
I would vote for it tomorrow if the money were secure.
I am firmly in favour, and I will say why.
I am firmly against, and I will say why.
I think the idea is sound and the plan is not ready.
I would be disappointed if we said no without trying anything.
I cannot support something I cannot explain to the people it affects.
I would rather improve the plan than reject it.
On balance I think the benefits outweigh the costs.
On balance I think we should wait and learn more.
I am convinced the need is real, and I am less sure about the answer.
The goal is right, but I think the means are wrong.
If nobody has a better idea, I would go with the careful one.
My answer is yes, with conditions, and the conditions matter.
My answer is no for now, and I would like to be asked again next year.
I could accept either option, if the reasons are good.
I do not have a strong view yet, and I would like to form one tonight.
I will support whatever we choose, as long as we choose it openly.
I think the best option is the one we can still change later.
It would be a mistake to promise more than we can deliver.
I want us to be the kind of body that finishes what it starts.
A good decision now is worth more than a perfect one next year.
I would rather be honest about the limits than pretend we have none.
I think we should try it and be ready to admit if it does not work.
Nothing we decide tonight has to be permanent.
We can change course, but only if we notice in time.
The real test is whether it still works in the third year.
A modest success would be enough for me.
I do not need it to be perfect, I need it to be fair.
It is better to do one thing well than three things badly.
I would choose the option that leaves us the most room to learn.
We should not let the perfect get in the way of the good.
I would like us to finish tonight with at least one thing agreed.
There is more common ground here than the arguments suggest.
I think we are arguing about the second step before we have agreed on the first.
We agree on the problem, and that is already something.
Part of me agrees with you, and part of me is still worried.
That is a reasonable worry, and I think it has a reasonable answer.
I take the point, and I still come down on the other side.
I had not thought of it that way, and it helps.
I think we are talking past each other a little.
You have changed my mind on one part of this.
That is fair, and it makes me want to look at the figures again.
I understand the worry, but I think it is overstated.
I accept that, and I want to add one thing.
Yes, and I would go a step further.
I agree, but only up to a point.
I disagree, and I think the difference matters.
We are closer than it sounds, I think.
Let me answer the worry directly, because it deserves it.
That is the strongest argument I have heard tonight.
I would put it slightly differently.
I see why that appeals, and I still have doubts.
I think that is right in principle and hard in practice.
That is a fair challenge, and I do not have a full answer.
Let me take that seriously for a moment.
I do not dismiss that, and I do not think it decides the matter.
I think we have heard the same concern from three different sides now.
That is the point where I start to disagree.
I think the disagreement is about timing, not about substance.
That would change my view if it turned out to be true.
I would like to test that claim before we build on it.
It is a good idea that needs a better plan.
We seem to want the same thing for different reasons.
I think both of these worries can be met by one careful plan.
I am glad someone said that out loud.
That is a question we should have asked at the start.
The more I hear, the more I think we need a smaller first step.
`;

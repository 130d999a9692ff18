// More of the built-in talk (see talk-corpus.ts, talk-weighing.ts): the people a decision
// touches, what a seat has seen itself, time, fairness and the questions it puts to the table.
export const TALK_PEOPLE = `
I keep thinking of the people who are not in this room tonight.
The people who need this most are usually the ones with the least time to ask for it.
I know families who would use this every week, and they will never write to us.
Whatever we decide, it should be easy for an older person to use.
I worry about the people who work odd hours and never get a say.
A plan that only works for confident people is not a plan for everyone.
We should think about the people who arrive alone and do not know anyone.
I want a teenager and a pensioner to feel equally welcome.
The people who complain the loudest are not always the people who are hurt the most.
For a lot of people, this is the only free place they have.
I have met people who would be lost without it.
People will forgive a slow start, but they will not forgive being ignored.
If people feel it belongs to them, they will look after it.
Most people want something simple: to know when it is open and that it is safe.
I think people are more sensible than we give them credit for.
We should not design this around the worst behaviour of a few people.
The people who use it every day are the best experts we have.
I would trust the regulars to tell us what works.
We should make it easy for people to tell us what is going wrong.
I want people to feel that someone is looking out for them.
People with young children have very different days from the rest of us.
People who care for someone at home have almost no free time at all.
The people who work there know things none of us know.
I want the staff to feel that this plan is done with them, not to them.
If the staff do not believe in it, it will not last.
We should ask the staff what they would change first.
I would not ask anyone to carry a burden we would not carry ourselves.
The newcomers and the old hands want different things, and both are right.
We should be careful not to make this a privilege of the lucky few.
I have seen people stay away from a place because it felt unfriendly, not because it was closed.
I worry that the people who gain least will pay the most.
Fairness means the people with the least should not carry the most.
It is not fair to ask the same people to give way every time.
We should share the cost in a way that people can see is fair.
I would like the benefits to reach the people who usually miss out.
I think fairness is as much about how we decide as what we decide.
A fair plan is one that people can understand without a lawyer.
It matters that people can see why the decision was made.
I would like nobody to feel that this was settled behind their back.
We should not reward whoever shouts the loudest.
There is nothing fair about a rule that only some people have to follow.
I think we owe people an explanation, even when the answer is no.
Let me tell you what I saw last winter, because it stayed with me.
I remember a time when we did something similar, and it taught me a lot.
In my own work, the small changes mattered more than the big announcements.
I have made this kind of mistake before, and I would rather not make it again.
From what I have seen, people adapt quickly once they trust something.
Where I work, the quiet hours are often the busiest in ways nobody notices.
I learned the hard way that a plan is only as good as the people running it.
I once saw a good idea fail because nobody explained it properly.
My own experience says that the first month is always the hardest.
I can tell you from experience that people notice when something is cared for.
When I tried something like this, the surprises were all in the details.
I have seen what happens when a place is left empty for too long.
In my experience, a friendly face at the start saves a lot of trouble later.
I have watched people give up on a place after one bad experience.
Something I learned early on is to ask the people who will actually do the work.
I have seen that small kindnesses keep a place going more than rules do.
Years ago I would have said yes at once, and now I ask more questions.
I have seen both sides of this, and neither is as simple as it sounds.
My experience is that people keep to rules they helped to make.
I have learned not to trust a plan that nobody wants to put their name to.
Time is the resource we keep forgetting to count.
A year goes quickly when you are waiting for a decision.
I would rather we move slowly and steadily than quickly and back again.
We have talked about this for a long time, and people are waiting for an answer.
Some things can wait, and I do not think this is one of them.
I think we should give it enough time to work before we judge it.
The first weeks will be messy, and we should say so in advance.
Habits take months to change, so a short trial will tell us very little.
I would like us to look again in a year, not to forget it after a month.
Timing matters: a good plan at the wrong moment still fails.
It will take patience, and patience is in short supply.
By the time we agree, the situation may have changed.
We should plan for the next ten years, not only for next season.
I think the long view and the short view point the same way here.
Let us not make a permanent decision about a temporary problem.
What worries me is not tonight but the years after tonight.
We should ask what this place will look like in twenty years.
I would like something that still makes sense when we are all gone.
A place like this is built over decades and lost in a single year.
I want to know who would notice first if this went wrong.
What would it take to change your mind on this?
I doubt anyone has asked the people who would use it most.
We should plan for the first day that nobody turns up.
Someone has to decide when the trial is over, and we should say who now.
Is there a version of this that everyone here could live with?
We should count what we would lose if we did nothing at all.
I would look for the smallest step that would teach us something.
How would we know, a year from now, that we chose well?
Somebody has to explain this to the people who are not here.
Are we solving the problem people actually have?
The people who use it every day would put this more simply than we do.
Can we afford to get this wrong, and can we afford to wait?
What would make this feel safe to someone coming in for the first time?
I want a name for who will still be responsible for this in five years.
We need to know where the money comes from if the first plan falls through.
It helps to ask what we would do differently if we were starting from nothing.
Is anyone here worried about something we have not discussed yet?
If nobody has tried this before, there is probably a reason worth finding.
What is the one thing we must not get wrong?
I think the question behind the question is who this place is for.
We are really deciding what kind of place we want this to be.
This is about more than opening hours or budgets, it is about trust.
A decision like this says something about what we value.
We should be proud of what we choose, not only relieved.
I would like us to leave something better than we found.
Small places depend on a few things working well.
A place that people love is worth protecting, even when it is inconvenient.
It is easier to keep something open than to open it again later.
Once something closes, it rarely comes back.
A public place should feel like it belongs to the public.
I want it to be somewhere people choose to go, not somewhere they have to go.
Good places grow out of good habits, not grand plans.
The best public spaces feel calm without feeling empty.
I think a place is only as safe as it feels to the people in it.
Light, people and care make a place feel safe more than cameras do.
We should design for the quiet hours as carefully as the busy ones.
The details decide whether people come back: the light, the warmth, the welcome.
It should be obvious how to get in, how to get help and how to leave.
I would like a place that does not need a guide to be understood.
If it is hard to find, it might as well not exist.
I think we can make this work if we keep it human.
I hope we remember the reasons behind this, not only the rules.
There is a real chance to do something good here, and I do not want us to waste it.
I am optimistic, but my optimism comes with a list of questions.
I can feel the room moving, and I think that is a good sign.
I think we have found the heart of the disagreement.
We do not all have to agree, but we do have to decide.
Let me be honest, I came in with my mind made up, and I am less sure now.
It is good that we disagree, it means we are taking this seriously.
I think the answer is somewhere between the two positions we have heard.
Let us try to leave tonight with a decision we can all explain.
I appreciate the care everyone has put into this.
I would like to thank the people who raised the hard questions.
I think the hard questions have made the plan better.
We owe it to each other to be clear about what we actually want.
If we get the basics right, the rest will follow.
I would start with the people, then the building, then the budget.
We need fewer promises and more plans.
The hardest part is not deciding, it is following through.
A promise kept quietly is worth more than a promise announced loudly.
I would rather under-promise and do more than the reverse.
We should be generous in what we hope and strict in what we commit.
I want us to be honest about who wins and who loses here.
It is a good moment to pause and check we are still talking about the same thing.
I think the people watching will judge us by what we do next, not by what we say tonight.
Let me finish my point, because it matters for the rest.
I would like to come back to something said earlier, because I think it was important.
There is one thing I have not heard yet, and it worries me.
I keep returning to the same question, and nobody has answered it yet.
I think I have said enough, and I would like to hear from the others.
`;

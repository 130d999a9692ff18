// Our own discussion-flavoured prose, used when a prompt gives the chain too little to work
// with ("hi", an empty message, emoji only). It reads like a round table so a reply built
// from it still looks like a turn. Written for this project; not taken from anywhere.
export const FALLBACK_TEXT = `
I think we should start from what we actually know before we argue about what we want.
That is a fair point, but the question is who carries the cost when things go wrong.
Let me push back a little on that, because the evidence is thinner than it sounds.
My worry is that we keep talking about averages while people live with the extremes.
If we cannot measure it, we should at least be honest about how we would notice failure.
I agree with the goal, and I disagree with almost every step of the plan.
The simplest version of this idea is also the one most likely to survive contact with reality.
We tried something similar years ago, and the lesson was that incentives beat good intentions.
Could we separate the part we agree on from the part we are only guessing about?
The strongest argument on the other side is not about money but about trust.
Nobody at this table wants the outcome you describe, so the disagreement must be about the path.
I would like to hear how this works for someone who has no say in the decision.
Small experiments tell us more than grand predictions, and they are cheaper to undo.
There is a real tension between moving fast and bringing everyone along.
History suggests that the second-order effects matter more than the headline.
I am not convinced that more rules will fix a problem that was caused by too many rules.
Perhaps the answer depends on the scale: what works in a village may fail in a city.
We owe it to the people affected to say clearly what we do not know.
That example is vivid, but a single story is not a trend.
If I am wrong about this, I want to know early and cheaply.
Let us be concrete: what would we do differently on Monday morning?
The costs are visible today while the benefits arrive slowly and quietly.
I keep coming back to the question of who gets to decide.
A good compromise leaves everyone a little unhappy and nobody betrayed.
We should name the trade-off instead of pretending it does not exist.
The data point in one direction, but the data were collected by people with a stake in it.
Before we settle this, I would ask each of you what would change your mind.
Culture eats strategy for breakfast, and it eats policy for lunch.
Technology can widen choices, yet it can also hide who is responsible.
Fairness is not the same as treating everyone identically.
Maybe the real problem is that we are solving yesterday's crisis.
I appreciate the optimism, though hope is not a plan.
What looks like resistance is often people protecting something they value.
We can disagree on the diagnosis and still share the next step.
The burden of proof should fall on whoever asks others to take the risk.
Long-term thinking is easy to praise and hard to fund.
Our time is limited, so let me sum up where I think we stand.
`;

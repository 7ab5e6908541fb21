/** A subscription of the alarm topic (e-mail). */
import { type ResourceType, generatedId, text } from "../resource-type";
import type { TypeCalls } from "../calls";
import topicSubscriptionCalls from "./topic-subscription.calls.json";

export const snsTopicSubscription: ResourceType = {
  token: "aws:sns/topicSubscription:TopicSubscription",
  reported: (name, inputs) => {
    const subscription = `${text(inputs, "topic")}:${generatedId(name)}`;
    return { id: subscription, state: { ...inputs, arn: subscription } };
  },
  plan: ["protocol", "endpoint"],
  calls: topicSubscriptionCalls as TypeCalls,
};

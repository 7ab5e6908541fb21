/** A subscription of the alarm topic (e-mail). */
import { type ResourceType, generatedId, text } from "../resource-type";

export const snsTopicSubscription: ResourceType = {
  token: "aws:sns/topicSubscription:TopicSubscription",
  reported: (name, inputs) => {
    const subscription = `${text(inputs, "topic")}:${generatedId(name)}`;
    return { id: subscription, state: { ...inputs, arn: subscription } };
  },
  plan: ["protocol", "endpoint"],
  calls: {
    terraform: "aws_sns_topic_subscription",
    source: "internal/service/sns/topic_subscription.go",
    declaredBy: ["stacks"],
    create: [
      {
        call: "Subscribe",
        action: "sns:Subscribe",
        on: "topic",
        when: "always; ReturnSubscriptionArn=true so a real ARN is returned even while the email subscription is pending; Attributes = non-default attributes (none for a plain email subscription)",
      },
      {
        call: "GetSubscriptionAttributes",
        action: "sns:GetSubscriptionAttributes",
        on: "topic",
        when: "NOT for protocol email/email-json (and not for http(s) unless endpoint_auto_confirms); for other protocols polled until PendingConfirmation=false (2m)",
      },
    ],
    read: [
      {
        call: "GetSubscriptionAttributes",
        action: "sns:GetSubscriptionAttributes",
        on: "topic",
        when: "always (RetryWhenNewResourceNotFound, subscriptionCreateTimeout=2m, when new). This is also the confirmation-status read: attributes PendingConfirmation / ConfirmationWasAuthenticated",
      },
    ],
    update: [
      {
        call: "SetSubscriptionAttributes",
        action: "sns:SetSubscriptionAttributes",
        on: "topic",
        when: "once per changed attribute (filter_policy, raw_message_delivery, redrive_policy, delivery_policy, ...); endpoint, protocol, topic_arn are ForceNew",
      },
      {
        call: "GetSubscriptionAttributes",
        action: "sns:GetSubscriptionAttributes",
        on: "topic",
        when: "always (RetryWhenNewResourceNotFound, subscriptionCreateTimeout=2m, when new). This is also the confirmation-status read: attributes PendingConfirmation / ConfirmationWasAuthenticated",
      },
    ],
    delete: [
      {
        call: "Unsubscribe",
        action: "sns:Unsubscribe",
        on: "topic",
        when: 'always; InvalidParameter "Cannot unsubscribe a subscription that is pending confirmation" => returns success immediately (no waiter; AWS removes unconfirmed subscriptions itself)',
      },
      {
        call: "GetSubscriptionAttributes",
        action: "sns:GetSubscriptionAttributes",
        on: "topic",
        when: "after a successful Unsubscribe; polled until NotFound (2m)",
      },
    ],
  },
};

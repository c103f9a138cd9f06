export type { ChannelKind, DeliveryReceipt, NotificationChannel, SendContext } from './channel';
export { CHANNEL_KINDS } from './channel';
export type { Clock } from './clock';
export { systemClock } from './clock';
export { deliverAll, type DeliverAllOptions } from './deliver-all';
export { DeliveryError, isRetryableHttpStatus, toDeliveryError, type DeliveryErrorDetails } from './delivery-error';
export type { AttemptRecord, ChannelDelivery, DeliveryReport, GiveUpReason } from './delivery-report';
export { renderDeliveryReportMarkdown } from './delivery-report-markdown';
export {
  createNotification,
  NOTIFICATION_KINDS,
  NOTIFICATION_LIMITS,
  NotificationSchema,
  type Notification,
  type NotificationInput,
  type NotificationKind,
} from './notification';
export { NotificationFindingSchema, toNotificationFinding, type NotificationFinding } from './notification-finding';
export { renderPlainText } from './plain-text-message';
export { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
export { createHttpDispatcher, type HttpDispatcherOptions } from './http/http-dispatcher';
export { slackChannel, type SlackChannelOptions } from './slack/slack-channel';
export { renderSlackPayload, type SlackBlock, type SlackPayload } from './slack/slack-payload';
export { SLACK_LIMITS } from './slack/slack-limits';
export { webhookChannel, type WebhookChannelOptions } from './webhook/webhook-channel';
export { renderWebhookPayload, WEBHOOK_PAYLOAD_VERSION, WebhookPayloadSchema, type WebhookPayload } from './webhook/webhook-payload';
export {
  DEFAULT_SIGNATURE_TOLERANCE_MS,
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  signWebhookBody,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
  type HeaderSource,
  type WebhookVerification,
  type WebhookVerificationFailure,
} from './webhook/webhook-signature';
export { emailChannel, type EmailChannelOptions } from './email/email-channel';
export { renderEmail, type EmailContent } from './email/email-content';
export { githubIssueChannel, type GitHubIssueChannelOptions } from './github-issue/github-issue-channel';
export type { GitHubIssuePort, GitHubIssueRequest, GitHubIssueResult } from './github-issue/github-issue-port';
export { GITHUB_ISSUE_LIMITS, ISSUE_LABELS, issueMarker, renderIssueBody, renderIssueTitle } from './github-issue/issue-body';
export { escapeGitHubMarkdown } from './text/github-markdown';

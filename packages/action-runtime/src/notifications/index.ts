// A subpath of its own: only actions that notify (policy-gate, secrets-scan) bundle the channels.
export {
  notificationChannelInputs,
  notificationChannelsFromInputs,
  notificationSecretValues,
  smtpSettings,
  NOTIFICATION_SECRET_INPUTS,
  type NotificationChannelInputs,
} from './notification-channels';
export { notificationDeliverySummary } from './notification-delivery-summary';

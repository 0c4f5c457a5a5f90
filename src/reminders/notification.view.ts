import { MailMessage, Notification } from './notification.entity';

export function toNotificationView(row: Notification) {
  return {
    id: row.id,
    rule: row.ruleCode,
    subjectId: row.subjectId,
    vendorId: row.vendorId,
    threshold: row.threshold,
    dueDate: row.dueDate,
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.status === 'sent' ? null : row.nextAttemptAt.toISOString(),
    messageId: row.messageId,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toMessageView(message: MailMessage) {
  return {
    id: message.id,
    recipient: message.recipient,
    locale: message.locale,
    subject: message.subject,
    text: message.textBody,
    html: message.htmlBody,
    outcome: message.outcome,
    error: message.error,
    createdAt: message.createdAt.toISOString(),
  };
}

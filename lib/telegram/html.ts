// Telegram's HTML mode needs only these three escaped; buyer-typed text goes through here.
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The sandbox page's texts, translated on the server (no message formatter in the browser). */
export interface SandboxLabels {
  youAre: string;
  language: string;
  languages: { en: string; de: string };
  roles: { buyer: string; seller: string; admin: string };
  /** "Chat with {name}", with {name} left for the client to fill in. */
  chatWith: string;
  channel: string;
  message: string;
  send: string;
  start: string;
  emptyChat: string;
  emptyChannel: string;
  photo: string;
  edited: string;
  ok: string;
  opensInBrowser: string;
}

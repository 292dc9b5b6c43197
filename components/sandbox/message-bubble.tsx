import type { ButtonView, MessageView } from "@/sandbox/app/chat-view";
import type { SandboxLabels } from "./labels";
import { MessageText } from "./message-text";
import { MessageTime } from "./message-time";

export interface ButtonHandlers {
  onPress(message: MessageView, data: string): void;
  onStart(payload: string): void;
}

/** One message as a Telegram client draws it: photo, text, time and its inline keyboard. */
export function MessageBubble({
  message,
  labels,
  mine,
  busy,
  handlers,
}: {
  message: MessageView;
  labels: SandboxLabels;
  mine: boolean;
  busy: boolean;
  handlers: ButtonHandlers;
}) {
  return (
    <li
      className={`flex flex-col ${mine ? "items-end" : "items-start"}`}
      data-message-id={message.id}
    >
      <div
        // A message with a keyboard is as wide as its keyboard, as in Telegram.
        className={`max-w-[85%] overflow-hidden rounded-2xl shadow-sm ${
          message.buttons.length > 0 ? "w-full" : ""
        } ${mine ? "rounded-br-sm bg-emerald-100" : "rounded-bl-sm bg-white"}`}
      >
        {message.photo ? (
          // eslint-disable-next-line @next/next/no-img-element -- the simulator's own file route, no optimisation wanted
          <img
            src={`/sandbox/api/photo/${encodeURIComponent(message.photo)}`}
            alt={labels.photo}
            className="max-h-80 w-full object-cover"
          />
        ) : null}
        <p className="px-3 py-2 text-sm text-slate-900">
          <MessageText text={message.text} entities={message.entities} />
          <span className="ml-2 inline-block align-bottom text-[0.7rem] text-slate-600">
            {message.edited ? `${labels.edited} ` : ""}
            <MessageTime unixSeconds={message.date} />
          </span>
        </p>
      </div>
      {message.buttons.length > 0 ? (
        <div className="mt-1 flex w-full max-w-[85%] flex-col gap-1">
          {message.buttons.map((row, index) => (
            <div key={index} className="flex gap-1">
              {row.map((button, column) => (
                <KeyboardButton
                  key={column}
                  button={button}
                  message={message}
                  labels={labels}
                  busy={busy}
                  handlers={handlers}
                />
              ))}
            </div>
          ))}
        </div>
      ) : null}
    </li>
  );
}

// Sky 700: white text on it passes WCAG AA (4.5:1); sky 600 gives 4.1:1.
const buttonClass =
  "flex-1 rounded-lg bg-sky-700 px-3 py-2 text-center text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 disabled:opacity-60";

function KeyboardButton({
  button,
  message,
  labels,
  busy,
  handlers,
}: {
  button: ButtonView;
  message: MessageView;
  labels: SandboxLabels;
  busy: boolean;
  handlers: ButtonHandlers;
}) {
  if (button.kind === "callback") {
    return (
      <button
        type="button"
        className={buttonClass}
        disabled={busy}
        onClick={() => handlers.onPress(message, button.data)}
      >
        {button.text}
      </button>
    );
  }
  if (button.startPayload !== undefined) {
    const payload = button.startPayload;
    // A link to the bot opens its chat and sends /start <payload>, as Telegram does.
    return (
      <button
        type="button"
        className={buttonClass}
        disabled={busy}
        onClick={() => handlers.onStart(payload)}
      >
        {button.text}
      </button>
    );
  }
  return (
    <a
      href={button.url}
      target="_blank"
      rel="noopener"
      className={buttonClass}
      title={labels.opensInBrowser}
    >
      {button.text} ↗
    </a>
  );
}

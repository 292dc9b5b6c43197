"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { ActionResult, SandboxAction, SandboxState } from "@/sandbox/app/actions";
import type { MessageView } from "@/sandbox/app/chat-view";
import type { SandboxLabels } from "./labels";
import { MessageBubble, type ButtonHandlers } from "./message-bubble";

// Telegram pushes new messages; the page asks for them this often instead.
const POLL_MS = 1000;

type Notice = { kind: "alert" | "toast" | "error"; text: string };
type ActionInput = SandboxAction extends infer A
  ? A extends SandboxAction
    ? Omit<A, "as">
    : never
  : never;

/** A simulated Telegram client: one person's chat with the bot, and the shop's channel. */
export function TelegramSandbox({
  labels,
  initialState,
}: {
  labels: SandboxLabels;
  initialState: SandboxState;
}) {
  const [state, setState] = useState(initialState);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [draft, setDraft] = useState("");
  const as = state.me.id;
  // Who the page acts as right now; switchPerson moves it before the state for them arrives.
  const asRef = useRef(as);
  const log = useRef<HTMLDivElement>(null);
  const newest = state.chat.at(-1);

  // Like a Telegram client: a new message (or another person's chat) scrolls to the bottom.
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [as, newest?.id, newest?.buttons.length]);

  const refresh = useCallback(async (person = asRef.current) => {
    const response = await fetch(`/sandbox/api/state?as=${person}`, { cache: "no-store" });
    if (!response.ok) return;
    const next = (await response.json()) as SandboxState;
    // A slow answer for the person shown before a switch must not overwrite the new one.
    if (next.me.id === asRef.current) setState(next);
  }, []);

  useEffect(() => {
    const timer = setInterval(() => void refresh().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const act = useCallback(
    async (input: ActionInput) => {
      setBusy(true);
      setNotice(undefined);
      try {
        const response = await fetch("/sandbox/api/act", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ ...input, as: asRef.current }),
        });
        const result = (await response.json()) as ActionResult;
        if (!result.ok) setNotice({ kind: "error", text: result.error });
        else if (result.alert) {
          setNotice({ kind: result.alert.showAlert ? "alert" : "toast", text: result.alert.text });
        }
        await refresh();
        return result.ok;
      } catch (error) {
        setNotice({ kind: "error", text: (error as Error).message });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [refresh],
  );

  const switchPerson = (id: number) => {
    asRef.current = id;
    const url = new URL(window.location.href);
    url.searchParams.set("as", String(id));
    window.history.replaceState(null, "", url);
    setNotice(undefined);
    void refresh(id);
  };

  const handlers: ButtonHandlers = {
    onPress: (message: MessageView, data: string) =>
      void act({ action: "press", chatId: message.chatId, messageId: message.id, data }),
    onStart: (payload: string) => {
      void act({ action: "start", payload }).then(() =>
        document.getElementById("sandbox-chat")?.scrollIntoView({ block: "start" }),
      );
    },
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    if (await act({ action: "send", text })) setDraft("");
  };

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <div className="flex flex-wrap items-end gap-4 lg:col-span-2">
        <label className="text-sm font-medium text-slate-700">
          {labels.youAre}
          <select
            className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
            value={as}
            onChange={(event) => switchPerson(Number(event.target.value))}
          >
            {state.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.first_name} {person.last_name} ({labels.roles[person.role]})
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium text-slate-700">
          {labels.language}
          <select
            className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
            value={state.me.language_code === "de" ? "de" : "en"}
            disabled={busy}
            onChange={(event) =>
              void act({ action: "language", language: event.target.value as "en" | "de" })
            }
          >
            <option value="en">{labels.languages.en}</option>
            <option value="de">{labels.languages.de}</option>
          </select>
        </label>
      </div>

      {notice ? (
        <NoticeView notice={notice} labels={labels} onClose={() => setNotice(undefined)} />
      ) : null}

      <section
        id="sandbox-chat"
        aria-labelledby="sandbox-chat-title"
        // On a phone the chat comes after the channel, where a buyer starts (Buy scrolls here).
        className="order-1 flex min-w-0 flex-col rounded-xl bg-sky-50 ring-1 ring-slate-200 lg:order-none"
      >
        <h2
          id="sandbox-chat-title"
          className="rounded-t-xl bg-white px-4 py-3 text-base font-semibold"
        >
          {labels.chatWith.replace("{name}", state.bot.name)}{" "}
          <span className="font-normal text-slate-500">@{state.bot.username}</span>
        </h2>
        {/* The log wraps the list: on the <ol> itself, role="log" would hide that it is a list. */}
        <div
          ref={log}
          role="log"
          aria-live="polite"
          aria-label={labels.chatWith.replace("{name}", state.bot.name)}
          className="max-h-[36rem] min-h-64 flex-1 overflow-y-auto p-4"
        >
          <ol className="flex flex-col gap-3">
            {state.chat.length === 0 ? (
              <li className="text-sm text-slate-600">{labels.emptyChat}</li>
            ) : null}
            {state.chat.map((message) => (
              <MessageBubble
                key={message.id}
                message={message}
                labels={labels}
                mine={!message.fromBot}
                busy={busy}
                handlers={handlers}
              />
            ))}
          </ol>
        </div>
        <form onSubmit={send} className="flex gap-2 rounded-b-xl bg-white p-3">
          {state.chat.length === 0 ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => void act({ action: "start" })}
              className="rounded-lg bg-sky-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60"
            >
              {labels.start}
            </button>
          ) : null}
          <label className="sr-only" htmlFor="sandbox-message">
            {labels.message}
          </label>
          <input
            id="sandbox-message"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder={labels.message}
            maxLength={4096}
            autoComplete="off"
            className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm"
          />
          <button
            type="submit"
            disabled={busy || !draft.trim()}
            className="rounded-lg bg-sky-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60"
          >
            {labels.send}
          </button>
        </form>
      </section>

      <section
        aria-labelledby="sandbox-channel-title"
        className="flex min-w-0 flex-col rounded-xl bg-slate-100 ring-1 ring-slate-200"
      >
        <h2
          id="sandbox-channel-title"
          className="rounded-t-xl bg-white px-4 py-3 text-base font-semibold"
        >
          {labels.channel}: {state.channel.title}{" "}
          <span className="font-normal text-slate-500">@{state.channel.username}</span>
        </h2>
        <ol
          aria-label={`${labels.channel}: ${state.channel.title}`}
          className="flex max-h-[42rem] min-h-64 flex-col gap-4 overflow-y-auto p-4"
        >
          {state.channel.posts.length === 0 ? (
            <li className="text-sm text-slate-600">{labels.emptyChannel}</li>
          ) : null}
          {state.channel.posts.map((post) => (
            <MessageBubble
              key={post.id}
              message={post}
              labels={labels}
              mine={false}
              busy={busy}
              handlers={handlers}
            />
          ))}
        </ol>
      </section>
    </div>
  );
}

function NoticeView({
  notice,
  labels,
  onClose,
}: {
  notice: Notice;
  labels: SandboxLabels;
  onClose(): void;
}) {
  if (notice.kind === "alert") {
    // answerCallbackQuery with show_alert: Telegram shows a dialog the user must close.
    return (
      <div
        role="alertdialog"
        aria-modal="false"
        aria-label={notice.text}
        className="flex items-center justify-between gap-4 rounded-xl bg-white p-4 shadow ring-1 ring-slate-300 lg:col-span-2"
      >
        <p className="text-sm text-slate-900">{notice.text}</p>
        <button
          type="button"
          onClick={onClose}
          className="rounded-lg bg-sky-700 px-4 py-2 text-sm font-semibold text-white"
        >
          {labels.ok}
        </button>
      </div>
    );
  }
  return (
    <p
      role={notice.kind === "error" ? "alert" : "status"}
      className={`rounded-xl px-4 py-3 text-sm lg:col-span-2 ${notice.kind === "error" ? "bg-red-50 text-red-800" : "bg-slate-800 text-white"}`}
    >
      {notice.text}
    </p>
  );
}

/**
 * The promise's value if it settles within `ms`, otherwise undefined (a rejection counts as
 * undefined too). For a page that names something from an outside service (the bot's
 * @username from Telegram) but must not wait long for it; the promise itself runs on.
 */
export function answerWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

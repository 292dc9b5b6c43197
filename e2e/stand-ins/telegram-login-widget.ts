import type { BrowserContext } from "@playwright/test";

/**
 * Telegram's Login Widget in the browser, in place of telegram.org and oauth.telegram.org
 * (unreachable from tests): the script reads its data attributes, puts the button's iframe
 * from oauth.telegram.org after itself and, once that is loaded, runs the page's
 * `data-onauth` expression with the user, as the real widget does after a login. The user
 * given is what Telegram would have signed.
 */
export async function standInForTelegramLoginWidget(
  context: BrowserContext,
  user: Record<string, string | number>,
) {
  await context.route("https://telegram.org/js/telegram-widget.js*", (route) =>
    route.fulfill({ contentType: "text/javascript", body: widgetScript(user) }),
  );
  await context.route("https://oauth.telegram.org/embed/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: "<!doctype html><button>Log in with Telegram</button>",
    }),
  );
}

function widgetScript(user: Record<string, string | number>): string {
  return `(() => {
  const script = document.currentScript;
  const frame = document.createElement("iframe");
  frame.src = "https://oauth.telegram.org/embed/" + script.dataset.telegramLogin +
    "?origin=" + encodeURIComponent(location.origin);
  frame.style.border = "none";
  frame.addEventListener("load", () => new Function("user", script.dataset.onauth)(${JSON.stringify(user)}));
  script.after(frame);
})();`;
}

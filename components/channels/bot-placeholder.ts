// Stands in a problem's text for the bot's username when the page could not learn it in time;
// the form puts in the name the action learnt. Its own file: a server page cannot read a
// constant out of a "use client" module (it would get a client reference).
export const BOT_PLACEHOLDER = "\u2063bot\u2063";

// Shared by the Monitoring page's panels, so they read as one page.
export const panel = "rounded-xl border border-slate-200 bg-white p-5";
export const panelTitle = "text-base font-semibold text-slate-900";
export const headCell = "py-2 pr-4 text-left text-xs font-medium uppercase text-slate-500";
export const cell = "py-2 pr-4 align-top";

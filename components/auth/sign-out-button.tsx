export function SignOutButton({ label, action }: { label: string; action: () => Promise<void> }) {
  return (
    <form action={action}>
      <button
        type="submit"
        className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500"
      >
        {label}
      </button>
    </form>
  );
}

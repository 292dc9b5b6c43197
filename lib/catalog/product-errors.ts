import messages from "@/messages/en.json";

// The API speaks English, from the same texts the dashboard's form shows.
const texts = messages.productForm.errors as Record<string, string>;

export function translateProductError(problem: { key: string; over?: number }): string {
  const text = texts[problem.key] ?? problem.key;
  return text.replace("{over}", String(problem.over ?? 0));
}

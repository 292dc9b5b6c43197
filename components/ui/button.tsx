import type { ComponentProps } from "react";
import { dangerButton, dangerLinkButton, primaryButton, secondaryButton } from "./button-styles";
import { joinClasses } from "./class-names";

const variants = {
  primary: primaryButton,
  secondary: secondaryButton,
  danger: dangerButton,
  dangerLink: dangerLinkButton,
} as const;

export type ButtonVariant = keyof typeof variants;

/**
 * A native `<button>` in one of the dashboard's looks. Everything else (type, name, value,
 * disabled, onClick) passes through unchanged, so inside a form it submits like any button.
 */
export function Button({
  variant = "primary",
  className,
  ...props
}: ComponentProps<"button"> & { variant?: ButtonVariant }) {
  return <button className={joinClasses(variants[variant], className)} {...props} />;
}

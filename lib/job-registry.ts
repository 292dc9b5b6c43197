import type { Job } from "@/lib/jobs/define-job";
import { refreshPostsJob } from "@/lib/catalog/refresh-posts";
import { emailInvoiceJob, invoiceReadyBuyerNotice } from "@/lib/invoices/invoice-notices";
import { issueInvoiceJob } from "@/lib/invoices/issue-invoice";
import { issueCreditNoteJob } from "@/lib/invoices/issue-credit-note";
import { creditNoteReadyBuyerNotice, emailCreditNoteJob } from "@/lib/invoices/credit-note-notices";
import { alertOpenedJob, alertResolvedJob } from "@/lib/monitoring/alert-jobs";
import {
  orderExpiredBuyerNotice,
  orderPaidBuyerNotice,
  orderRefundedBuyerNotice,
  orderPartlyRefundedBuyerNotice,
  orderStatusBuyerNotice,
  paymentFailedBuyerNotice,
  paymentRefundingBuyerNotice,
  trackingCorrectedBuyerNotice,
} from "@/lib/orders/buyer-notices";
import { refundPaymentJob } from "@/lib/payments/refund-payment";
import { expireCheckoutSessionJob } from "@/lib/payments/expire-checkout-session";
import { orderOversoldSellerNotice, orderPaidSellerNotice } from "@/lib/orders/seller-notices";
import { paymentFlaggedAlert } from "@/lib/payments/payment-flag-alert";
import { replacedPayButtonJob } from "@/lib/orders/pay-message";

/**
 * Every kind of job the outbox runs, each defined beside the domain it serves. The worker
 * refuses a row whose kind is not here, so a new job is listed here as well.
 */
export const jobRegistry: readonly Job[] = [
  // Telling buyers and sellers about their orders (lib/orders).
  orderPaidBuyerNotice,
  orderPaidSellerNotice,
  orderExpiredBuyerNotice,
  paymentFailedBuyerNotice,
  orderRefundedBuyerNotice,
  orderPartlyRefundedBuyerNotice,
  orderStatusBuyerNotice,
  orderOversoldSellerNotice,
  paymentRefundingBuyerNotice,
  trackingCorrectedBuyerNotice,
  replacedPayButtonJob,
  // Invoices: made after the payment, then sent (lib/invoices).
  issueInvoiceJob,
  invoiceReadyBuyerNotice,
  emailInvoiceJob,
  // Credit notes: made after a refund of an invoiced order, then sent (lib/invoices).
  issueCreditNoteJob,
  creditNoteReadyBuyerNotice,
  emailCreditNoteJob,
  // Channel posts' Buy / Sold out buttons (lib/channels).
  refreshPostsJob,
  // Admins' alerts (lib/monitoring).
  alertOpenedJob,
  alertResolvedJob,
  // Payments an order could not take: refunded, or flagged for a person (lib/payments).
  refundPaymentJob,
  paymentFlaggedAlert,
  // Checkout Sessions a newer checkout replaced, closed at Stripe (lib/payments).
  expireCheckoutSessionJob,
];

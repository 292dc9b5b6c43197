# Texts of the Telegram bot and its notifications (English).

## /start and help
start-greeting =
    Hi {$name}! I am the shop bot of this channel.
    Tap "Buy" under a product post in the channel to order it here.
    /status shows your orders and where each one is.
start-payment-done = Thank you! As soon as Stripe confirms your payment you get a message here. /status shows your orders.
help = /status – your orders
    /cancel – stop the current order

# Once per window to someone whose updates come faster than a person sends them.
too-fast = You're sending messages too fast – please wait a few seconds.

## Product card
product-card =
    <b>{$title}</b>{$description}

    Price: <b>{$price}</b>
    { $stock ->
        [unlimited] In stock
        [one] Only 1 left
       *[other] {$stock} in stock
    }
product-not-found = Sorry, I cannot find this product. It may have been removed – check the channel for current offers.
product-archived = Sorry, "{$title}" is no longer sold.
product-sold-out = Sorry, "{$title}" is sold out.
btn-buy = Buy
btn-cancel = Cancel
btn-sold-out = Sold out
sold-out-alert = Sorry, this product is sold out. Keep an eye on the channel for new offers.

## The order dialog
ask-quantity = How many would you like? (1–{$max})
invalid-quantity = Please send a number from 1 to {$max}.
btn-other-amount = Other amount
ask-other-amount = Please send the number you would like (1–{$max}).
offer-previous =
    Ship to the same details as last time?

    {$details}
btn-use-previous = Yes, use these
btn-enter-new = Enter new details
ask-name = What is your full name (for the shipping label)?
invalid-name = Please send your first and last name (2–100 characters).
ask-street = Street and house number?
invalid-street = Please send the street and house number, e.g. "Hauptstraße 12".
ask-postcode = Postcode?
invalid-postcode = That does not look like a postcode. Please send it again, e.g. "10115".
ask-city = City?
invalid-city = Please send the name of the city.
ask-country = Which country? Tap one, or send its name or two-letter code (e.g. DE).
invalid-country = We ship to: {$countries}. Please tap a country or send its code.
ask-email = Your e-mail address (for the receipt)?
invalid-email = That e-mail address does not look right. Please send it again, e.g. name@example.com.
use-buttons = Please use the buttons above, or /cancel.
button-expired = This button has expired.
summary =
    <b>Please check your order</b>

    {$quantity} × {$title}
    Total: <b>{$total}</b>

    {$name}
    {$street}
    {$postcode} {$city}
    {$country}
    {$email}
btn-confirm = Confirm and pay
btn-edit = Change something
btn-back = Back
choose-field = What would you like to change?
field-quantity = Quantity
field-name = Name
field-street = Street
field-postcode = Postcode
field-city = City
field-country = Country
field-email = E-mail
dialog-cancelled = Order cancelled. Nothing was charged.
nothing-to-cancel = There is no order in progress.

## Checkout
checkout-ready =
    Order <b>#{$number}</b> is reserved for you.
    Pay {$total} within {$minutes} minutes with the button below.
btn-pay = Pay {$total}
checkout-unavailable = Payment is unavailable right now. Please tap "Confirm and pay" again in a minute.
out-of-stock = Sorry, only {$available} left. Please choose a smaller quantity.
sold-out-now = Sorry, it just sold out.

## Notifications to the buyer
order-paid-buyer =
    ✅ Payment received – thank you!
    Order <b>#{$number}</b>: {$items}, {$total}.
    We will tell you here when it ships. /status shows it any time.
order-expired-buyer =
    The payment link for order #{$number} has expired and the item is no longer reserved.
    Still want it? Get a new link:
order-payment-failed-buyer =
    The payment for order #{$number} did not go through, and nothing was charged.
    Try again with a new link:
btn-new-link = New payment link
renew-already-paid = This order is already paid.
order-refunded-buyer = Order #{$number} was refunded: {$total} go back to your payment method.
order-partly-refunded-buyer = Part of order #{$number} was refunded: {$refunded} of {$total} so far go back to your payment method.
order-shipped-buyer =
    📦 Order #{$number} has shipped!{ $tracking ->
        [none] {""}
       *[other] {" "}Tracking number: {$tracking}
    }
order-tracking-corrected-buyer = 📦 The tracking number of order #{$number} was corrected. It is now: {$tracking}
order-delivered-buyer = Order #{$number} was delivered. Enjoy!
order-cancelled-buyer = Order #{$number} was cancelled by the seller.
order-cancelled-unpaid-buyer = Order #{$number} was cancelled by the seller. Its payment link no longer works, and nothing was charged.
order-cancelled-refunding-buyer = Order #{$number} was cancelled by the seller. Your payment of {$total} is being refunded; you get a message here when Stripe has sent it back.
order-payment-refunding-buyer = Your payment of {$total} for order #{$number} arrived after the order had been closed, so it is being refunded in full. You get a message here when Stripe has sent it back.

## Notifications to the seller
order-paid-seller =
    🛒 <b>New order #{$number}</b> – paid {$total}

    {$items}

    {$name}
    {$street}
    {$postcode} {$city}
    {$country}
    {$email}
btn-mark-shipped = Mark shipped
order-paid-seller-digest =
    🛒 <b>{$count} new paid orders</b>

    {$lines}

    Addresses and the button to mark each one shipped are on your <a href="{$url}">orders page</a>.
order-paid-seller-digest-line = #{$number}: {$items}, {$total}
order-oversold-seller =
    ⚠️ <b>Order #{$number} is oversold</b>
    {$items} was paid ({$total}) after its checkout had expired, and meanwhile the stock went to another buyer: you have sold more than you had.
    Restock the product and ship it as usual, or refund the order on its <a href="{$url}">order page</a>.
marked-shipped = Order #{$number} marked as shipped; the buyer was told.
not-your-order = This order does not belong to your shop.
order-cannot-change = Order #{$number} is {$status} and cannot be changed that way.

## /status
status-empty = You have no orders yet. Tap "Buy" under a product in the channel to order.
status-header = <b>Your orders</b> (page {$page} of {$pages})
status-line =
    <b>#{$number}</b> · {$date}
    {$items} · {$total}
    {$status} – {$next}
btn-previous = « Newer
btn-next = Older »
status-pending_payment = Awaiting payment
status-paid = Paid
status-shipped = Shipped
status-delivered = Delivered
status-cancelled = Cancelled
status-refunded = Refunded
status-expired = Payment link expired
status-payment_failed = Payment failed
next-pending_payment = pay with the link in this chat before it expires.
next-paid = the seller is packing it; you get a message when it ships.
next-shipped = on its way to you.
next-delivered = nothing left to do.
next-cancelled = nothing will be charged or it is refunded.
next-refunded = the money goes back to your payment method.
next-expired = tap "New payment link" to order it again.
next-payment_failed = tap "New payment link" to try again.

## /orders for sellers
sellers-only = This command is for sellers. Sign in to the dashboard first.
seller-orders-empty = No open orders. New ones appear here when they are paid.
seller-orders-header = <b>Open orders</b> (oldest first, {$count} shown)
seller-order-line = <b>#{$number}</b> · {$status} · {$total}
    {$items} → {$name}, {$city}
seller-order-detail =
    <b>Order #{$number}</b> · {$status}
    {$items} · {$total}

    {$name}
    {$street}
    {$postcode} {$city}
    {$country}
    {$email}
seller-order-usage = Send /order followed by the order number, e.g. /order 1001.
seller-order-not-found = There is no order #{$number} in your shop.
btn-ship-number = Ship #{$number}
btn-delivered-number = Delivered #{$number}
marked-delivered = Order #{$number} marked as delivered; the buyer was told.

## Invoices (the PDF and the messages about it)
invoice-title = Invoice
invoice-number = Invoice no. {$invoice}
invoice-date = Invoice date: {$date}
invoice-service-date = Date of supply: {$date}
invoice-order = Order #{$number}
invoice-vat-id = VAT ID: {$vatId}
invoice-seller = Seller
invoice-bill-to = Bill to
invoice-col-qty = Qty
invoice-col-item = Item
invoice-col-unit = Unit price
invoice-col-amount = Amount
invoice-net = Net amount
invoice-vat = VAT {$rate} %
invoice-total = Total
invoice-small-business = No VAT is shown: small business (Kleinunternehmer gem. § 19 UStG).
invoice-paid = Paid on {$date} by card via Stripe. Thank you for your order!
invoice-ready-buyer = 🧾 Your invoice {$invoice} for order #{$number} is ready: <a href="{$link}">download the PDF</a> (link valid for 30 days; /status always has a fresh one).
status-invoice = 🧾 <a href="{$link}">Invoice {$invoice} (PDF)</a>
invoice-email-subject = Invoice {$invoice} – order #{$number}
invoice-email-body =
    Hello {$name},

    thank you for your order #{$number}. Your invoice {$invoice} is attached as a PDF.

    {$seller}
## Credit notes (a refund after the invoice: the PDF and the messages about it)
credit-note-title = Credit note
credit-note-number = Credit note no. {$creditNote}
credit-note-date = Date: {$date}
credit-note-corrects = Corrects invoice {$invoice} of {$date}
credit-note-partial-line = Partial refund: {$title}
credit-note-total = Total refunded
credit-note-refunded = {$amount} was refunded to your card via Stripe.
credit-note-ready-buyer = 🧾 Your credit note {$creditNote} for order #{$number} ({$amount} refunded, corrects invoice {$invoice}): <a href="{$link}">download the PDF</a> (link valid for 30 days).
credit-note-email-subject = Credit note {$creditNote} – order #{$number}
credit-note-email-body =
    Hello {$name},

    {$amount} of your order #{$number} was refunded. The credit note {$creditNote}, correcting invoice {$invoice}, is attached as a PDF.

    {$seller}
## Alerts to admins (the Monitoring page's incidents)
alert-opened =
    ⚠️ <b>{$title}</b>
    {$summary}
    Since {$since} UTC · <a href="{$url}">Monitoring</a>
alert-resolved =
    ✅ <b>Resolved: {$title}</b>
    After {$minutes ->
        [one] 1 minute
       *[other] {$minutes} minutes
    } (since {$since} UTC) · <a href="{$url}">Monitoring</a>
incident-stripe-webhook-failures = Stripe webhooks are failing
incident-stripe-webhook-failures-detail = {$count} Stripe webhooks failed in the last {$minutes} minutes. Stripe sends them again, but payments stay unrecorded until this is fixed.
incident-outbox-stalled = Telegram messages are stuck
incident-outbox-stalled-detail = {$pending ->
        [one] 1 message is
       *[other] {$pending} messages are
    } waiting to be sent, the oldest for {$minutes} minutes. Buyers and sellers are not being told about their orders.
incident-inbox-stalled = Received updates are not being processed
incident-inbox-stalled-detail = {$pending ->
        [one] 1 update or payment event waits
       *[other] {$pending} updates and payment events wait
    } to be processed, the oldest for {$minutes} minutes. Buyers are not being answered and payments are not being recorded.
incident-telegram-webhook-errors = Telegram cannot reach the bot
incident-telegram-webhook-errors-detail = Telegram reports: “{$message}”. Updates waiting: {$pending}. Buyers' taps and messages are not arriving.
incident-telegram-api-errors = Telegram API calls are failing
incident-telegram-api-errors-detail = {$count} Bot API calls failed in the last {$minutes} minutes (latest: {$method}, {$code}).
incident-stripe-api-errors = Stripe API calls are failing
incident-stripe-api-errors-detail = {$count} Stripe API calls failed in the last {$minutes} minutes (latest: {$method}, {$code}). Buyers may not be able to pay.

## Payments a person must look at (alerts to admins)
payment-flag-alert =
    ⚠️ <b>{$title}</b>
    {$summary}
    Stripe session {$session} · <a href="{$url}">Monitoring</a>
payment-flag-foreign_session = Payment not accepted for order #{$number}
payment-flag-foreign_session-detail = Stripe reports a payment of {$paid} naming order #{$number} ({$expected}), from a Checkout Session this shop never opened for it. The order was not marked paid. Check the payment in Stripe's dashboard, and refund it if it does not belong to this shop.
payment-flag-amount_mismatch = Wrong amount paid for order #{$number}
payment-flag-amount_mismatch-detail = Order #{$number} costs {$expected}, but {$paid} was paid through its Checkout Session. The order was not marked paid. Check the payment in Stripe's dashboard: refund it, or settle the difference with the buyer.
payment-flag-paid_after_refund = Payment after its refund for order #{$number}
payment-flag-paid_after_refund-detail = Stripe reported the payment of {$paid} for order #{$number} only after its refund. The order stays refunded, its stock stays released, and it was not marked paid. Check in Stripe's dashboard that the refund went through.
payment-flag-paid_twice = Order #{$number} paid twice
payment-flag-paid_twice-detail = Order #{$number} was already paid when another payment of {$paid} came through another of its Checkout Sessions. Refund one of the two in Stripe's dashboard.

# Texte des Telegram-Bots und seiner Benachrichtigungen (Deutsch).

## /start und Hilfe
start-greeting =
    Hallo {$name}! Ich bin der Shop-Bot dieses Kanals.
    Tippe im Kanal unter einem Produkt auf „Kaufen“, um es hier zu bestellen.
    /status zeigt deine Bestellungen und wo jede gerade ist.
start-payment-done = Danke! Sobald Stripe deine Zahlung bestätigt, bekommst du hier eine Nachricht. /status zeigt deine Bestellungen.
help = /status – deine Bestellungen
    /cancel – laufende Bestellung abbrechen

# Einmal je Zeitfenster an jemanden, dessen Updates schneller kommen, als ein Mensch sie schickt.
too-fast = Du schickst Nachrichten zu schnell – bitte warte ein paar Sekunden.

## Produktkarte
product-card =
    <b>{$title}</b>{$description}

    Preis: <b>{$price}</b>
    { $stock ->
        [unlimited] Auf Lager
        [one] Nur noch 1 verfügbar
       *[other] {$stock} auf Lager
    }
product-not-found = Dieses Produkt finde ich leider nicht. Vielleicht wurde es entfernt – schau im Kanal nach aktuellen Angeboten.
product-archived = „{$title}“ wird leider nicht mehr verkauft.
product-sold-out = „{$title}“ ist leider ausverkauft.
btn-buy = Kaufen
btn-cancel = Abbrechen
btn-sold-out = Ausverkauft
sold-out-alert = Dieses Produkt ist leider ausverkauft. Schau im Kanal nach neuen Angeboten.

## Der Bestelldialog
ask-quantity = Wie viele möchtest du? (1–{$max})
invalid-quantity = Bitte schicke eine Zahl von 1 bis {$max}.
btn-other-amount = Andere Menge
ask-other-amount = Bitte schicke die gewünschte Menge (1–{$max}).
offer-previous =
    An die gleichen Daten wie beim letzten Mal liefern?

    {$details}
btn-use-previous = Ja, diese verwenden
btn-enter-new = Neue Daten eingeben
ask-name = Wie lautet dein vollständiger Name (für das Versandetikett)?
invalid-name = Bitte schicke Vor- und Nachnamen (2–100 Zeichen).
ask-street = Straße und Hausnummer?
invalid-street = Bitte schicke Straße und Hausnummer, z. B. „Hauptstraße 12“.
ask-postcode = Postleitzahl?
invalid-postcode = Das sieht nicht nach einer Postleitzahl aus. Bitte noch einmal, z. B. „10115“.
ask-city = Ort?
invalid-city = Bitte schicke den Namen des Ortes.
ask-country = Welches Land? Tippe eines an oder schicke seinen Namen oder Ländercode (z. B. DE).
invalid-country = Wir liefern nach: {$countries}. Bitte tippe ein Land an oder schicke den Code.
ask-email = Deine E-Mail-Adresse (für die Quittung)?
invalid-email = Diese E-Mail-Adresse sieht nicht richtig aus. Bitte noch einmal, z. B. name@example.com.
use-buttons = Bitte nutze die Buttons oben oder /cancel.
button-expired = Dieser Button ist abgelaufen.
summary =
    <b>Bitte prüfe deine Bestellung</b>

    {$quantity} × {$title}
    Summe: <b>{$total}</b>

    {$name}
    {$street}
    {$postcode} {$city}
    {$country}
    {$email}
btn-confirm = Bestätigen und bezahlen
btn-edit = Etwas ändern
btn-back = Zurück
choose-field = Was möchtest du ändern?
field-quantity = Menge
field-name = Name
field-street = Straße
field-postcode = Postleitzahl
field-city = Ort
field-country = Land
field-email = E-Mail
dialog-cancelled = Bestellung abgebrochen. Es wurde nichts berechnet.
nothing-to-cancel = Gerade läuft keine Bestellung.

## Bezahlung
checkout-ready =
    Bestellung <b>#{$number}</b> ist für dich reserviert.
    Bezahle {$total} innerhalb von {$minutes} Minuten mit dem Button unten.
btn-pay = {$total} bezahlen
checkout-unavailable = Die Bezahlung ist gerade nicht möglich. Bitte tippe in einer Minute noch einmal auf „Bestätigen und bezahlen“.
out-of-stock = Leider sind nur noch {$available} verfügbar. Bitte wähle eine kleinere Menge.
sold-out-now = Leider gerade ausverkauft.

## Benachrichtigungen an Käufer
order-paid-buyer =
    ✅ Zahlung erhalten – vielen Dank!
    Bestellung <b>#{$number}</b>: {$items}, {$total}.
    Wir sagen dir hier Bescheid, sobald sie versandt ist. /status zeigt sie jederzeit.
order-expired-buyer =
    Der Bezahllink für Bestellung #{$number} ist abgelaufen, die Ware ist nicht mehr reserviert.
    Noch Interesse? Hol dir einen neuen Link:
order-payment-failed-buyer =
    Die Zahlung für Bestellung #{$number} ist nicht durchgegangen, es wurde nichts berechnet.
    Versuche es mit einem neuen Link:
btn-new-link = Neuer Bezahllink
renew-already-paid = Diese Bestellung ist schon bezahlt.
order-refunded-buyer = Bestellung #{$number} wurde erstattet: {$total} gehen zurück an dein Zahlungsmittel.
order-partly-refunded-buyer = Bestellung #{$number} wurde teilweise erstattet: bisher gehen {$refunded} von {$total} zurück an dein Zahlungsmittel.
order-shipped-buyer =
    📦 Bestellung #{$number} ist unterwegs!{ $tracking ->
        [none] {""}
       *[other] {" "}Sendungsnummer: {$tracking}
    }
order-tracking-corrected-buyer = 📦 Die Sendungsnummer von Bestellung #{$number} wurde korrigiert. Sie lautet jetzt: {$tracking}
order-delivered-buyer = Bestellung #{$number} wurde zugestellt. Viel Freude damit!
order-cancelled-buyer = Bestellung #{$number} wurde vom Verkäufer storniert.
order-cancelled-unpaid-buyer = Bestellung #{$number} wurde vom Verkäufer storniert. Der Bezahllink funktioniert nicht mehr, und es wurde nichts berechnet.
order-cancelled-refunding-buyer = Bestellung #{$number} wurde vom Verkäufer storniert. Deine Zahlung von {$total} wird erstattet; du bekommst hier eine Nachricht, sobald Stripe sie zurückgeschickt hat.
order-payment-refunding-buyer = Deine Zahlung von {$total} für Bestellung #{$number} kam erst an, nachdem die Bestellung geschlossen war, deshalb wird sie vollständig erstattet. Du bekommst hier eine Nachricht, sobald Stripe sie zurückgeschickt hat.

## Benachrichtigungen an Verkäufer
order-paid-seller =
    🛒 <b>Neue Bestellung #{$number}</b> – {$total} bezahlt

    {$items}

    {$name}
    {$street}
    {$postcode} {$city}
    {$country}
    {$email}
btn-mark-shipped = Als versandt markieren
order-paid-seller-digest =
    🛒 <b>{$count} neue bezahlte Bestellungen</b>

    {$lines}

    Adressen und den Knopf, um jede als versandt zu markieren, findest du auf deiner <a href="{$url}">Bestellseite</a>.
order-paid-seller-digest-line = #{$number}: {$items}, {$total}
order-oversold-seller =
    ⚠️ <b>Bestellung #{$number} ist überverkauft</b>
    {$items} wurde bezahlt ({$total}), nachdem der Bezahlvorgang abgelaufen war, und inzwischen ging der Bestand an einen anderen Käufer: Du hast mehr verkauft, als du hattest.
    Fülle den Bestand auf und versende wie gewohnt, oder erstatte die Bestellung auf ihrer <a href="{$url}">Bestellseite</a>.
marked-shipped = Bestellung #{$number} ist als versandt markiert; der Käufer wurde informiert.
not-your-order = Diese Bestellung gehört nicht zu deinem Shop.
order-cannot-change = Bestellung #{$number} ist {$status} und kann so nicht geändert werden.

## /status
status-empty = Du hast noch keine Bestellungen. Tippe im Kanal unter einem Produkt auf „Kaufen“.
status-header = <b>Deine Bestellungen</b> (Seite {$page} von {$pages})
status-line =
    <b>#{$number}</b> · {$date}
    {$items} · {$total}
    {$status} – {$next}
btn-previous = « Neuere
btn-next = Ältere »
status-pending_payment = Wartet auf Zahlung
status-paid = Bezahlt
status-shipped = Versandt
status-delivered = Zugestellt
status-cancelled = Storniert
status-refunded = Erstattet
status-expired = Bezahllink abgelaufen
status-payment_failed = Zahlung fehlgeschlagen
next-pending_payment = bezahle mit dem Link in diesem Chat, bevor er abläuft.
next-paid = der Verkäufer packt sie; du bekommst eine Nachricht beim Versand.
next-shipped = sie ist auf dem Weg zu dir.
next-delivered = nichts weiter zu tun.
next-cancelled = es wird nichts berechnet oder es wurde erstattet.
next-refunded = das Geld geht zurück an dein Zahlungsmittel.
next-expired = tippe auf „Neuer Bezahllink“, um sie erneut zu bestellen.
next-payment_failed = tippe auf „Neuer Bezahllink“, um es erneut zu versuchen.

## /orders für Verkäufer
sellers-only = Dieser Befehl ist für Verkäufer. Melde dich zuerst im Dashboard an.
seller-orders-empty = Keine offenen Bestellungen. Neue erscheinen hier, sobald sie bezahlt sind.
seller-orders-header = <b>Offene Bestellungen</b> (älteste zuerst, {$count} angezeigt)
seller-order-line = <b>#{$number}</b> · {$status} · {$total}
    {$items} → {$name}, {$city}
seller-order-detail =
    <b>Bestellung #{$number}</b> · {$status}
    {$items} · {$total}

    {$name}
    {$street}
    {$postcode} {$city}
    {$country}
    {$email}
seller-order-usage = Schicke /order und die Bestellnummer, z. B. /order 1001.
seller-order-not-found = In deinem Shop gibt es keine Bestellung #{$number}.
btn-ship-number = #{$number} versandt
btn-delivered-number = #{$number} zugestellt
marked-delivered = Bestellung #{$number} ist als zugestellt markiert; der Käufer wurde informiert.

## Rechnungen (das PDF und die Nachrichten dazu)
invoice-title = Rechnung
invoice-number = Rechnungsnr. {$invoice}
invoice-date = Rechnungsdatum: {$date}
invoice-service-date = Leistungsdatum: {$date}
invoice-order = Bestellung #{$number}
invoice-vat-id = USt-IdNr.: {$vatId}
invoice-seller = Verkäufer
invoice-bill-to = Rechnungsempfänger
invoice-col-qty = Menge
invoice-col-item = Artikel
invoice-col-unit = Einzelpreis
invoice-col-amount = Betrag
invoice-net = Nettobetrag
invoice-vat = USt. {$rate} %
invoice-total = Gesamtbetrag
invoice-small-business = Kein Ausweis der Umsatzsteuer: Kleinunternehmer gem. § 19 UStG.
invoice-paid = Bezahlt am {$date} per Karte über Stripe. Vielen Dank für deine Bestellung!
invoice-ready-buyer = 🧾 Deine Rechnung {$invoice} zu Bestellung #{$number} ist fertig: <a href="{$link}">PDF herunterladen</a> (Link 30 Tage gültig; /status hat immer einen frischen).
status-invoice = 🧾 <a href="{$link}">Rechnung {$invoice} (PDF)</a>
invoice-email-subject = Rechnung {$invoice} – Bestellung #{$number}
invoice-email-body =
    Hallo {$name},

    danke für deine Bestellung #{$number}. Die Rechnung {$invoice} hängt als PDF an.

    {$seller}
## Rechnungskorrekturen (eine Erstattung nach der Rechnung: das PDF und die Nachrichten dazu)
credit-note-title = Rechnungskorrektur
credit-note-number = Korrektur-Nr. {$creditNote}
credit-note-date = Datum: {$date}
credit-note-corrects = Korrigiert die Rechnung {$invoice} vom {$date}
credit-note-partial-line = Teilerstattung: {$title}
credit-note-total = Erstattung gesamt
credit-note-refunded = {$amount} wurden per Stripe auf deine Karte zurückerstattet.
credit-note-ready-buyer = 🧾 Deine Rechnungskorrektur {$creditNote} zu Bestellung #{$number} ({$amount} erstattet, korrigiert die Rechnung {$invoice}): <a href="{$link}">PDF herunterladen</a> (Link 30 Tage gültig).
credit-note-email-subject = Rechnungskorrektur {$creditNote} – Bestellung #{$number}
credit-note-email-body =
    Hallo {$name},

    für deine Bestellung #{$number} wurden {$amount} erstattet. Die Rechnungskorrektur {$creditNote} zur Rechnung {$invoice} hängt als PDF an.

    {$seller}
## Warnungen an Admins (die Vorfälle der Seite „Überwachung“)
alert-opened =
    ⚠️ <b>{$title}</b>
    {$summary}
    Seit {$since} UTC · <a href="{$url}">Überwachung</a>
alert-resolved =
    ✅ <b>Behoben: {$title}</b>
    Nach {$minutes ->
        [one] 1 Minute
       *[other] {$minutes} Minuten
    } (seit {$since} UTC) · <a href="{$url}">Überwachung</a>
incident-stripe-webhook-failures = Stripe-Webhooks schlagen fehl
incident-stripe-webhook-failures-detail = {$count} Stripe-Webhooks sind in den letzten {$minutes} Minuten fehlgeschlagen. Stripe sendet sie erneut, aber Zahlungen werden erst erfasst, wenn das behoben ist.
incident-outbox-stalled = Telegram-Nachrichten hängen fest
incident-outbox-stalled-detail = {$pending ->
        [one] 1 Nachricht wartet
       *[other] {$pending} Nachrichten warten
    } auf den Versand, die älteste seit {$minutes} Minuten. Käufer und Verkäufer erfahren nichts von ihren Bestellungen.
incident-inbox-stalled = Empfangene Updates werden nicht verarbeitet
incident-inbox-stalled-detail = {$pending ->
        [one] 1 Update oder Zahlungsereignis wartet
       *[other] {$pending} Updates und Zahlungsereignisse warten
    } auf die Verarbeitung, das älteste seit {$minutes} Minuten. Käufer bekommen keine Antwort, Zahlungen werden nicht erfasst.
incident-telegram-webhook-errors = Telegram erreicht den Bot nicht
incident-telegram-webhook-errors-detail = Telegram meldet: „{$message}“. Wartende Updates: {$pending}. Tipps und Nachrichten der Käufer kommen nicht an.
incident-telegram-api-errors = Aufrufe der Telegram-API schlagen fehl
incident-telegram-api-errors-detail = {$count} Aufrufe der Bot-API sind in den letzten {$minutes} Minuten fehlgeschlagen (zuletzt: {$method}, {$code}).
incident-stripe-api-errors = Aufrufe der Stripe-API schlagen fehl
incident-stripe-api-errors-detail = {$count} Aufrufe der Stripe-API sind in den letzten {$minutes} Minuten fehlgeschlagen (zuletzt: {$method}, {$code}). Käufer können womöglich nicht bezahlen.

## Zahlungen, die jemand prüfen muss (Warnungen an Admins)
payment-flag-alert =
    ⚠️ <b>{$title}</b>
    {$summary}
    Stripe-Session {$session} · <a href="{$url}">Überwachung</a>
payment-flag-foreign_session = Zahlung für Bestellung #{$number} nicht angenommen
payment-flag-foreign_session-detail = Stripe meldet eine Zahlung von {$paid} mit Bestellung #{$number} ({$expected}), aus einer Checkout-Session, die dieser Shop dafür nie eröffnet hat. Die Bestellung wurde nicht als bezahlt markiert. Prüfe die Zahlung im Stripe-Dashboard und erstatte sie, falls sie nicht zu diesem Shop gehört.
payment-flag-amount_mismatch = Falscher Betrag für Bestellung #{$number} bezahlt
payment-flag-amount_mismatch-detail = Bestellung #{$number} kostet {$expected}, über ihre Checkout-Session wurden aber {$paid} bezahlt. Die Bestellung wurde nicht als bezahlt markiert. Prüfe die Zahlung im Stripe-Dashboard: Erstatte sie oder kläre die Differenz mit dem Käufer.
payment-flag-paid_after_refund = Zahlung nach ihrer Erstattung für Bestellung #{$number}
payment-flag-paid_after_refund-detail = Stripe hat die Zahlung von {$paid} für Bestellung #{$number} erst nach ihrer Erstattung gemeldet. Die Bestellung bleibt erstattet, ihr Bestand bleibt freigegeben, und sie wurde nicht als bezahlt markiert. Prüfe im Stripe-Dashboard, dass die Erstattung durchgegangen ist.
payment-flag-paid_twice = Bestellung #{$number} doppelt bezahlt
payment-flag-paid_twice-detail = Bestellung #{$number} war schon bezahlt, als über eine andere ihrer Checkout-Sessions eine weitere Zahlung von {$paid} kam. Erstatte eine der beiden im Stripe-Dashboard.

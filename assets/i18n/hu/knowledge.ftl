# Felismerés, üzemzavarok és kiemelt incidensek, eszkaláció, első hívásra megoldás.

event-escalated = eszkalálva
event-incident-linked = incidenshez kapcsolva
timeline-escalated = eszkalálva: { $group } ({ $tier }. szint)
timeline-incident-linked = kiemelt incidenshez kapcsolva: { $key }

# Felismerés: a hívó korábbi, hasonló jegyei.
earlier-best = Hasonló: { $key }, { $date }: { $subject } — { $outcome }
caller-similar = Korábbi hasonló jegyek ({ $count })

# Üzemzavar-sáv és kiemelt incidensek.
banner-outage = { $callers } hívó { $minutes } perc alatt:
banner-outage-declare = { $key }: egy kiemelt incidens mindegyiknek
banner-outage-link = { $key }: kapcsolás ehhez: { $incident }
form-incident = Kiemelt incidens
form-incident-context = { $tickets ->
    [one] 1 jegyet kapcsol egy új kiemelt incidenshez.
   *[other] { $callers } hívó { $tickets } jegyét kapcsolja egy új kiemelt incidenshez.
}
form-link = Kapcsolás kiemelt incidenshez
form-link-context = { $count ->
    [one] A jegy a választott incidenshez kapcsolódik.
   *[other] { $count } jegy a választott incidenshez kapcsolódik.
}
form-link-offer = Ez a hívás a(z) { $key } kiemelt incidensre hasonlít ('{ $subject }'): mentéssel kapcsolod, megszakítással külön marad.
field-incident = Incidens
form-resolve-incident = { $key } kiemelt incidens megoldása
form-resolve-incident-context = { $count ->
    [one] 1 kapcsolt jegy még nyitott.
   *[other] { $count } kapcsolt jegy még nyitott.
}
field-linked = Kapcsolt jegyek
resolve-linked-yes = { $count ->
    [one] megoldás ezzel a jegyzettel
   *[other] mind a { $count } megoldása ezzel a jegyzettel
}
resolve-linked-no = maradjanak nyitva
field-callbacks = Visszahívás
resolve-callbacks-no = nincs visszahívás
resolve-callbacks-yes = { $count ->
    [one] visszahívás ígérete a hívónak
   *[other] visszahívás ígérete mind a { $count } hívónak
}
resolve-callback-what = visszahívás: az üzemzavar megoldódott
incident-title = { $key } kiemelt incidens
incident-callers = { $count ->
    [one] 1 érintett hívó:
   *[other] { $count } érintett hívó:
}
incident-resolve-hint = { $key } megoldja; utána választhat, mi legyen a kapcsolt jegyekkel.
msg-no-outage = Nincs üzemzavar a sávon, és nincs nyitott jegy, amelyhez kiemelt incidenst lehetne létrehozni.
msg-incident-is-major = Ez a jegy maga is kiemelt incidens.
msg-no-incidents = Nincs nyitott kiemelt incidens; { $key } létrehoz egyet.
done-incident-declared = { $count ->
    [one] { $key } kiemelt incidens létrehozva, 1 jegy kapcsolva.
   *[other] { $key } kiemelt incidens létrehozva, { $count } jegy kapcsolva.
}
done-linked = { $count ->
    [one] Kapcsolva ehhez: { $key }.
   *[other] { $count } jegy kapcsolva ehhez: { $key }.
}
done-incident-resolved = { $key } megoldva; a kapcsolt jegyek nyitva maradtak.
done-incident-resolved-all = { $key } megoldva { $count } kapcsolt jeggyel együtt.
done-incident-resolved-callbacks = { $key } megoldva; { $count } visszahívás megígérve.
done-incident-resolved-called = { $key } megoldva { $count } kapcsolt jeggyel; visszahívások megígérve.
ticket-major = ‼ kiemelt incidens · { $count } hívó: { $callers }
ticket-in-incident = ⚑ a(z) { $key } kiemelt incidens része ({ $status }): { $subject }

# Eszkaláció.
form-escalate = { $key } eszkalálása
escalate-context = A következő szint ezt az átadást kapja a jeggyel:
escalate-group = { $group } ({ $tier }. szint)
field-group = Címzett
field-handoff = Kiegészítés
form-required-group = válasszon csoportot az eszkaláláshoz
handoff-ticket = { $key } { $subject } — hívó: { $caller }, P{ $priority }
handoff-asked = Kérdezve és megválaszolva:
handoff-tried = Kipróbálva:
handoff-article = elküldött cikk: { $title }
handoff-notes = Jegyzetek:
handoff-added = Ügyintéző: { $text }
done-escalated = { $key } eszkalálva: { $group }.
ticket-line = { $tier }. szint · { $group } · { $transfers ->
    [0] nem volt átadva
   *[other] { $transfers }× átadva
}
line-all = minden szint
line-tier = { $tier }. szint
msg-line-filter = Sor: { $line }.

# Első hívásra megoldás.
ticket-fcr-yes = ✓ első hívásra megoldva
ticket-fcr-pending = ✓ első hívásra megoldva (számít, ha { $until } előtt nem nyitják újra)
ticket-fcr-later = { $contacts } kapcsolat után megoldva: nem első hívásra
ticket-fcr-reopened = megoldás után újranyitva: nem első hívásra

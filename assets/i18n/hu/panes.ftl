# panes: amit az src/ui az adatok köré rajzol — címek, oszlopfejlécek, üres állapotok, tippek.
# A címek és oszlopfejlécek 80×24-en keskeny panelekben állnak: legyenek olyan rövidek, mint az angolok.

## A megosztott nézet

too-small = túl kicsi a terminál
too-small-need = szükséges { $min_width }×{ $min_height }, jelenleg { $width }×{ $height }

## Sor

queue-title = Sor
queue-col-key = jegy
queue-col-caller = hívó
queue-col-subject = tárgy
queue-col-status = állapot
queue-col-status-short = áll
queue-col-priority = P
queue-col-age = kor
queue-col-sla = SLA
queue-priority = P{ $priority }
queue-status-new = új
queue-status-open = nyitott
queue-status-waiting-caller = vár hívó
queue-status-waiting-third = vár kül.
queue-status-resolved = megoldva
queue-status-closed = lezárva
queue-status-tiny-new = új
queue-status-tiny-open = nyit
queue-status-tiny-waiting-caller = v/h
queue-status-tiny-waiting-third = v/k
queue-status-tiny-resolved = mego
queue-status-tiny-closed = lez

## Aktív jegy

ticket-title = Aktív jegy
ticket-none-open = Nincs nyitott jegy.
ticket-open-hint = { $key } megnyitja a Sorban kijelölt jegyet;
ticket-new-call-hint = { $key } új hívást rögzít.
ticket-status-line = állapot: { $status }   prioritás: P{ $priority } (hatás { $impact } × sürgősség { $urgency })
ticket-category-line = kategória: { $category }   ügyintéző: { $assignee }
ticket-caller-line = hívó: { $caller }   megnyitva { $opened }
ticket-sla = SLA
ticket-sla-response = válasz:
ticket-sla-resolution = megoldás:
ticket-sla-due = (határidő: { $when })
ticket-promise = ígéret: { $what } — határidő: { $when } ({ $countdown })
ticket-timeline = idővonal

## Hívó

caller-title = Hívó
caller-none = Itt jelenik meg az aktív jegy hívója.
caller-prior-contacts = Előzmények ({ $count })
caller-recent = { $count } megkeresés { $days } nap alatt{ $open ->
        [0] {""}
       *[other] , ebből { $open } nyitott jegyről
    }
caller-last-promise = utolsó ígéret: { $what } — { $outcome }
caller-open-tickets = { $count } nyitott jegy

## Ígéretek

promises-title = Ígéretek
promises-summary = { $open } nyitott · { $overdue } lejárt
promises-callbacks = visszahívási kérések, érkezési sorrendben · { $count }
promises-col-countdown = hátralévő
promises-col-due = határidő
promises-col-what = mit
promises-col-to = kinek
promises-col-ticket = jegy
promises-col-owner = felelős
promises-col-channel-owner = csatorna · felelős

## SLA-órák keskeny oszlopban

sla-met = teljesült
sla-over = { $span } késés

## Állapotsor

status-figures = { $open } nyitott jegy · ígéreteim: { $today } ma esedékes,
status-overdue = { $count } lejárt
status-team-synced = csapat ● frissítve { $seconds } mp-e
status-team-offline = csapat ○ offline ekkor óta: { $since }
status-team-waiting = { $count } módosítás vár
status-team-conflicts = { $count } ütközés
ticket-conflict = ⚠ { $field }: { $kept_by } beállította: { $kept } { $kept_at }; { $lost_by } beállította: { $lost } { $lost_at }. Most { $kept } érvényes: melyik maradjon? { $key }
ticket-present = ● { $names } most ezen a jegyen dolgozik
ticket-apart = ⚑ { $name } is dolgozott ezen, amíg a pultjaitok nem látták egymást ({ $when }-ig): visszahívás előtt nézd meg az idővonalat
status-hint-new-call = hívás
status-hint-open = megnyit
status-hint-mine = enyém
status-hint-all-open = összes
status-hint-waiting = várakozó
status-hint-kept = teljesítve
status-hint-reschedule = áthelyez
status-hint-cancel-promise = visszavon
status-hint-note = jegyzet
status-hint-promise = ígéret
status-hint-status = állapot
status-hint-priority = prioritás
status-hint-copy = másol
status-hint-help = súgó
status-hint-palette = parancs
status-hint-quit = kilép
status-hint-focus-next = következő

## Emlékeztető sáv

banner-reminder = { $ticket } { $to } — { $what }: határidő { $due }, emlékeztetve { $reminded }
banner-not-acted = , nincs intézkedés
banner-more = (+{ $count } további; Ígéretek panel: { $kept } teljesítve, { $reschedule } áthelyezés)
banner-more-short = (+{ $count } további)

## Üdvözlés

welcome-title = Üdvözöljük
welcome-heading = Üdvözöljük a balie-ban
welcome-first-call = { $key }: az első hívás rögzítése — keresse meg vagy vegye fel a hívót, majd adja meg a tárgyat.
welcome-demo = Előbb körülnézne? Lépjen ki ({ $quit }), és indítsa el: { $demo }.
welcome-keys = { $help } minden billentyűt mutat, { $palette } név szerint futtat parancsot.

## Súgó és szövegablakok

help-title = Súgó
help-intro = Minden parancs fut a billentyűjéről vagy a parancsablakból (:név).
help-hint = { $scroll } görgetés · { $esc } vagy { $help } bezár
help-picker = Keresésben [keys.picker]
help-form = Űrlapon [keys.form]
help-choice = Választómezőben [keys.choice]
help-text = A súgóban, egy szövegben vagy cikkben [keys.text]
help-list = Egy listában [keys.list]
help-script = Egy szkriptben [keys.script]
help-kb = A tudásbázis keresőjében [keys.kb]
help-article = Egy cikkben [keys.article]
text-hint = { $scroll } görgetés · { $esc } bezár

## Parancsablak

palette-title = Parancs

## Jegy keresése

find-ticket-title = Jegy keresése
find-ticket-prompt = azonosító, szám vagy szavak a tárgyból (legalább 3 betű):
find-ticket-hint = gépeljen a kereséshez · { $choose } választás · { $enter } megnyitás · { $esc } mégse
find-ticket-none = nincs ilyen jegy

## Új hívás

new-call-title = Új hívás — ki telefonál?
new-call-prompt = név, szervezet, telefon, e-mail vagy kód:
new-call-hint = gépeljen a kereséshez · { $choose } választás · { $enter } kiválasztás · { $esc } mégse
new-call-new-caller = új hívó
new-call-new-caller-named = új hívó: „{ $query }”
new-call-no-match = nincs találat — „{ $query }” felvétele új hívóként
new-call-pick-title = Új hívás — melyik jegy?
new-call-pick-label = { $name }: vannak nyitott jegyei. Rögzítse a hívást valamelyiken, vagy nyisson újat:
new-call-the-caller = a hívó
new-call-new-ticket = új jegy
new-call-ago = { $age } ezelőtt

## Űrlapok

form-hint-next = { $key } következő mező
form-hint-choose = { $key } választás
form-hint-save = { $key } ment
form-hint-save-last = { $key } ment (utolsó mezőn)
form-hint-cancel = { $key } mégse

## Áttekintés

review-title = Áttekintés — nyitott ígéretek ügyintézőnként
review-week = 7 nap: { $record }
review-month = 30 nap: { $record }
review-record = tett { $made }, időben teljesített { $kept }, késve { $late }, megszegett { $broken }, arány { $rate }
review-no-record = nem tett ígéretet
review-empty = Nincs nyitott ígéret, és az elmúlt 30 napban sem született ígéret.
review-sla = SLA: túllépve vagy hamarosan ({ $count })
review-unacted = Emlékeztetők, amelyekkel senki nem foglalkozott ({ $count })
review-unacted-line = { $owner } { $ticket } { $to } — { $what }: határidő { $due }, emlékeztetve { $reminded } ({ $kind })
review-conflicts = Eldöntendő ütközések ({ $count }): nyisd meg a jegyet, majd { $key }
review-conflict = { $ticket } { $field }: { $kept_by } beállította: { $kept }, { $lost_by } beállította: { $lost }
review-team-online = Csapatadatok a pult saját másolatából, szinkronizálva: { $when }
review-team-offline = Csapatadatok a pult saját másolatából: { $since } óta offline, utolsó szinkron: { $pulled }
review-team-never = Csapatadatok a pult saját másolatából: még nincs szinkronizálva
review-hint = { $choose } léptet · { $enter } megnyit · { $esc } bezár · papíron: { $overdue }, { $report }

merge-title = Összevonás ezzel: { $name }
merge-prompt = e személy másik bejegyzése: név, telefon, e-mail vagy azonosító
merge-hint = gépelj a kereséshez · { $choose } választás · { $enter } összevonás · { $esc } mégse
merge-nothing-typed = nincs valószínű duplikátum; gépelj a kereséshez
merge-none = nincs ilyen hívó
caller-duplicate = más néven is szerepel: { $name } ({ $value })? { $key } összevonja

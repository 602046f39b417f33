# messages: amit a pult mond. Ugyanazok az azonosítók és változók, mint az en/messages.ftl-ben
# (tesztelve). Számok után nincs többes szám; a változókhoz nem tapad rag.

## Az állapotsor
msg-load-failed = a pult nem töltődött be: { $error }
msg-not-saved = nincs mentve: { $error }
msg-not-saved-kept = nincs mentve: { $error } — a szöveged megmaradt
msg-no-editor = nincs szerkesztő: { $error }; állítsd be a $VISUAL vagy $EDITOR változót, vagy rövid jegyzethez: { $key }
msg-paste-cut = a beillesztés az első { $count } karakterre rövidült; hosszú szöveget a $EDITOR szerkesztőben írj ({ $key })
msg-no-ticket = nincs nyitott jegy: válassz egyet a sorból ({ $open }), vagy rögzíts hívást ({ $new_call })
msg-no-promise = nincs kijelölt ígéret: válassz egyet az Ígéretek panelen
msg-caller-added = új hívó: { $name }
msg-ticket-opened = { $key } megnyitva, hívó: { $caller }; a hívás rögzítve
msg-editor-empty = a szerkesztő nem adott vissza szöveget; nincs mit menteni
msg-editor-failed = a szerkesztő hibával lépett ki; { $enter } menti a szöveget, { $esc } elveti
msg-callback-needs-ticket = nincs nyitott jegy: előbb rögzítsd a hívó üzenetét ({ $new_call })
msg-callback-config = callback_within a beállításokban: { $error }
msg-draft-back = Visszakaptad a mentetlen piszkozatot ({ $form }, { $when }): { $enter } menti, { $esc } elveti
msg-db-waiting = várakozás az adatbázisra: egy másik program ír bele
msg-db-waiting-for = várakozás az adatbázisra: { $holder } ír bele
msg-save-waiting = { $waiting } — a szöveged megmarad, és mentjük, amint szabad
msg-draft-not-kept = a piszkozatot nem sikerült menteni: { $error } — az űrlapban megvan a szöveged

## Másolás y-nal
msg-copy-off = a másolás ki van kapcsolva (clipboard = false a beállításokban)
msg-copied = vágólapra másolva: { $what }
msg-not-copied = nincs mit másolni: { $reason }
copy-phone = { $name } telefonszáma ({ $phone })
copy-no-caller = nincs hívó a képernyőn
copy-no-phone = { $name } telefonszáma nincs megadva
copy-queue-empty = a sor üres
copy-no-promise = nincs kijelölt ígéret
copy-no-ticket = nincs nyitott jegy

## Amit a mentés végzett
done-call-logged = hívás rögzítve: { $key }
done-note = jegyzet mentve
done-status = állapot: { $status }
done-priority = prioritás P{ $priority } (hatás { $impact } × sürgősség { $urgency })
done-category = kategória: { $category }
done-assigned = ügyintéző: { $agent }
done-promised = ígéret { $to } részére, határidő: { $when }
done-kept = teljesítve: { $what }
done-rescheduled = átütemezve, új határidő: { $when }
done-cancelled = visszavonva: { $what }
callback-what = visszahívás ügyében: { $subject }

## A tároló hibái
store-database = adatbázis: { $detail }
store-not-found = nem található: { $what }
store-promise-closed = ez az ígéret már { $state }
store-conflict-settled = { $by } már eldöntötte ezt az ütközést; a jegy mutatja, mi maradt
store-disk-full = megtelt a lemez, amelyen ez a fájl van: { $path }; szabadíts fel rajta helyet, és próbáld újra
store-busy = egy másik balie-folyamat ír ebbe a fájlba: { $path } (egy import, egy mentés vagy a balie forget eltarthat egy ideig); próbáld újra kicsit később
store-read-only = ez a fájl csak olvasható számodra: { $path } (maga a fájl vagy a mappája); kérj írási jogot mindkettőhöz
store-damaged = ez a fájl sérült: { $path } ({ $detail }); kérd meg a pult gazdáját, hogy futtassa rá a balie check parancsot

## Űrlapok
form-required-name = a név kötelező
form-required-subject = a tárgy kötelező
form-required-note = a jegyzet üres
form-required-what = írd be, mit ígértél
form-required-to = írd be, kinek ígérted
form-required-reason = az indok kötelező
form-text-too-long = ez { $length } karakter hosszú; legfeljebb { $limit } fér el
form-text-one-line = ennek egy sornak kell lennie
form-text-control = vezérlőkaraktert tartalmaz ({ $character }); töröld
form-new-caller-hint = több telefonszám, e-mail vagy azonosító: pontosvesszővel válaszd el ;
form-promise-hint = határidő: +2ó, +30p, +4bh (munkaidő), { $time }, holnap 9:00, p 14:00, { $date } 10:00
form-promise-context = { $key } · { $what } · kinek: { $to } ({ $channel })
form-priority-hint = a prioritás a beállítások mátrixából adódik, pl. hatás 2 × sürgősség 2 → P{ $priority }
form-assign-hint = üresen hagyva te kapod ({ $me })

## Emlékeztetők
reminder-due-at = határidő { $time }
reminder = { $key } { $to } — { $what } ({ $when })

## A jegy idővonala
timeline-opened = megnyitva: { $text }
timeline-call-in = ☎ bejövő hívás
timeline-call-out = ☎ kimenő hívás
timeline-email-in = ☎ bejövő e-mail
timeline-email-out = ☎ kimenő e-mail
timeline-visit-in = ☎ személyes megkeresés
timeline-visit-out = ☎ kiszállás
timeline-note = jegyzet: { $text }
timeline-status = állapot { $from } → { $to }
timeline-priority = prioritás P{ $from } → P{ $to } (hatás { $impact } × sürgősség { $urgency })
timeline-category = kategória { $from } → { $to }
timeline-assignee = ügyintéző { $from } → { $to }
timeline-subject = tárgy „{ $from }” → „{ $to }”
timeline-caller-merged = { $from } hívó összevonva ezzel: { $to }
timeline-conflict-settled = { $field }: { $value } marad, nem { $over }
timeline-renumbered = a(z) { $from } ideiglenes azonosító mostantól { $to } (mindkettővel megtalálható)
timeline-promised = megígérve, határidő { $when }: { $text }
timeline-kept = teljesítve: { $text }
timeline-kept-late = teljesítve (késve): { $text }
timeline-moved = ígéret átütemezve { $from } → { $to }
timeline-cancelled = ígéret visszavonva

## Műszakátadás
handover-title = Műszakátadás
handover-head = Átadó: { $agent } — a következő műszak kezdete: { $when }
handover-promises = Addig esedékes ígéretek ({ $count }):
handover-tickets = Nyitott jegyek ({ $count }):
handover-none = nincs
handover-promise = { $due } { $ticket } { $channel }, kinek: { $to }: { $what }
handover-sla-breached = SLA { $h }ó{ $m }p óta lejárt
handover-sla-left = SLA még { $h }ó{ $m }p

## Határidők, ahogy az ügyintéző beírja
deadline-empty = írd be, mikorra, pl. +2h, +30m, holnap 9:00, p 14:00
# A napok szavai elöl: 80 oszlopon a sor vége lemarad.
deadline-not-understood = `{ $text }` nem értelmezhető — írd így: holnap 9:00, p 14:00, holnap, p, ma 15:00, 15:00, +2h, +1h30m, +4bh, +2wd, ÉÉÉÉ-HH-NN vagy ÉÉÉÉ-HH-NN ÓÓ:PP
deadline-passed-today = { $time } ma már elmúlt — írd így: `holnap { $time }`
deadline-passed = { $when } már elmúlt
deadline-invalid-time = `{ $text }` nem időpont: { $reason }
deadline-hours = az óra 0 és 23 között lehet
deadline-minutes = a perc 00 és 59 között lehet
deadline-not-a-time = nem a nap egy időpontja
deadline-invalid-date = `{ $text }` nincs a naptárban
deadline-nonexistent = { $local } nem létezik itt: { $tz }; ekkor előreáll az óra — válassz másik időpontot
deadline-zero = `{ $text }` összesen nulla idő — írj pl. +30m vagy +2h
deadline-too-far = `{ $text }` túl messze van

# Javítások: tárgyak, hívók, összevonás és a névsor.
form-edit-subject = Tárgy szerkesztése
form-edit-caller = Hívó szerkesztése
form-edit-caller-hint = minden változás megmarad a hívó előzményeiben; több értéket ;-vel válassz el
form-merge = Hívók összevonása
field-keep = megtartott
form-merge-hint = { $other } és { $keep } egy személy: a nem megtartott jegyei, ígéretei, telefonjai és e-mailjei a megtartotthoz kerülnek
msg-no-caller = nincs megjelenített hívó: nyiss meg egy jegyet, vagy vegyél fel hívást ezzel: { $new_call }
form-assign-agents = ügyintézők: { $agents }
form-assign-none = nincs ilyen nevű ügyintéző (elé írt { $mark } újat vesz fel)
form-assign-complete = { $key } kiegészít · { $mark }név új ügyintézőt vesz fel
form-required-agent = add meg az új ügyintéző nevét a { "+" } után
form-assign-several = melyik ügyintéző? { $agents }
form-assign-unknown = nincs { $name } nevű ügyintéző; írd be így: { $mark }{ $name }, ha újat veszel fel
done-subject = tárgy módosítva
done-caller-edited = { $name } módosítva
done-caller-unchanged = nem változott semmi
done-merged = { $other } összevonva ezzel: { $keep } ({ $tickets } jegy áthelyezve)
form-settle = { $field } eldöntése
form-settle-option = { $value } ({ $by }, { $at })
form-settle-hint = két pult egymástól függetlenül állította be; most az első érték érvényes. A döntésedet minden pult megkapja.
msg-no-conflict = a(z) { $key } jegyen nincs eldöntendő ütközés
done-settled = { $field }: { $value } marad

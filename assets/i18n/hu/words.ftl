# words: a pult dolgainak nevei. Ugyanazok az azonosítók, mint az en/words.ftl-ben (tesztelve).

## A jegy állapota
status-new = új
status-open = nyitott
status-waiting-caller = hívóra vár
status-waiting-third-party = harmadik félre vár
status-resolved = megoldva
status-closed = lezárva

## Csatornák
channel-phone = telefon
channel-email = e-mail
channel-visit = személyes

## Ígéretek
promise-state-open = nyitott
promise-state-kept = teljesítve
promise-state-rescheduled = átütemezve
promise-state-cancelled = visszavonva

## Emlékeztetők
alert-warning = hamarosan esedékes
alert-due = most esedékes

## Az idővonal eseményei
event-created = jegy megnyitva
event-contact-in = bejövő
event-contact-out = kimenő
event-note = jegyzet
event-status = állapot
event-priority = prioritás
event-category = kategória
event-assignee = ügyintéző
event-subject = tárgy
event-caller-merged = hívó összevonva
event-conflict-settled = ütközés eldöntve
event-renumbered = átszámozva
event-promise-made = megígérve
event-promise-kept = teljesítve
event-promise-rescheduled = átütemezve
event-promise-cancelled = visszavonva

## A sor szűrői
filter-mine = saját
filter-all-open = összes nyitott
filter-waiting = várakozó

## A csapatáttekintés határidő-csoportjai
bucket-overdue = lejárt
bucket-due-today = ma esedékes
bucket-tomorrow = holnap
bucket-later = később

## Hatás és sürgősség
impact-1 = 1 az egész szervezet
impact-2 = 2 egy osztály vagy telephely
impact-3 = 3 egy csapat
impact-4 = 4 egy személy, nem tud dolgozni
impact-5 = 5 egy személy, kisebb gond
urgency-1 = 1 most állt le a munka
urgency-2 = 2 órákon belül
urgency-3 = 3 ma
urgency-4 = 4 ezen a héten
urgency-5 = 5 ráér

## Parancsok
command-new-call = bejövő hívás: hívó keresése vagy felvétele, jegy nyitása vagy választása
command-find-ticket = jegy keresése azonosító, szám vagy a tárgy szavai alapján
command-note = jegyzet az aktív jegyhez
command-note-editor = hosszú jegyzet írása a $EDITOR szerkesztőben
command-status = az aktív jegy állapotának módosítása
command-priority = hatás és sürgősség (ebből lesz a prioritás)
command-category = az aktív jegy kategóriája
command-assign = az aktív jegy kiosztása egy ügyintézőnek
command-subject = az aktív jegy tárgyának szerkesztése
command-edit-caller = a hívó nevének, szervezetének, telefonjainak, e-mailjeinek és azonosítóinak szerkesztése
command-merge-caller = egy másik hívó összevonása a megjelenítettel (egy személy, két bejegyzés)
command-settle = ütközés eldöntése a jegyen: a két külön beállított érték közül melyik marad
command-promise = ígéret a hívónak, határidővel
command-callback = a hívó üzenetéből visszahívás kérés (határidő a beállításokból)
command-callbacks = ígéretek: visszahívás kérések érkezési sorrendben / minden ígéret
command-kept = a kijelölt ígéret teljesítve (a kapcsolatot is rögzíti)
command-reschedule = a kijelölt ígéret új határidőre tétele
command-cancel-promise = a kijelölt ígéret visszavonása, indokkal
command-handover = műszakátadás: nyitott jegyeim és a következő műszakom előtt esedékes ígéretek
command-copy = a kijelölt jegy azonosítójának másolása, a Hívó panelen a telefonszám
command-review = csapatáttekintés: eldöntendő ütközések, nyitott ígéretek ügyintézőnként, teljesítés 7 és 30 napra
command-mine = sor: saját nyitott jegyeim
command-all-open = sor: minden nyitott jegy
command-waiting = sor: hívóra vagy harmadik félre váró jegyek
command-focus-next = ugrás a következő panelre
command-focus-previous = ugrás az előző panelre
command-down = le
command-up = fel
command-open = a kijelölt jegy megnyitása
command-back = ablak bezárása vagy az üzenet törlése
command-help = minden billentyű és parancs
command-palette = bármely parancs futtatása név szerint
command-suspend = felfüggesztés a shellbe (vissza: fg)
command-kb = keresés a tudásbázisban a jegy mellett; cikk megnyitása, jegyzetbe szúrása vagy elküldése
command-script = hibaelhárítási forgatókönyv futtatása a jegyen, vagy a félbehagyott folytatása
command-escalate = jegy átadása a következő szintnek vagy egy csoportnak, kitöltött átadási jegyzettel
command-incident = kiemelt incidens: létrehozás hasonló jegyekből, vagy az aktív megjelenítése a hívóival
command-link-incident = az aktív jegy kapcsolása egy kiemelt incidenshez
command-line = sor: következő szint vagy csoport (első szint, második szint, csoportok, mind)
command-quit = kilépés
picker-command-close = a keresés bezárása
picker-command-next = következő sor
picker-command-previous = előző sor
picker-command-pick = a kiválasztott sor átvétele
form-command-cancel = az űrlap elvetése
form-command-next-field = következő mező
form-command-previous-field = előző mező
form-command-submit = következő mező; az utolsón mentés
form-command-new-line = új sor a jegyzetben vagy abban, amit a hívó mondott
form-hint-new-line = { $key } új sor
choice-command-previous-option = előző lehetőség
choice-command-next-option = következő lehetőség
text-command-down = egy sorral lejjebb
text-command-up = egy sorral feljebb
text-command-page-down = egy oldallal lejjebb
text-command-page-up = egy oldallal feljebb
text-command-top = vissza az elejére
text-command-close = a szöveg bezárása
list-command-next = következő sor
list-command-previous = előző sor
list-command-open = a kiválasztott sor megnyitása vagy átvétele
list-command-close = a lista bezárása
script-command-answer = válasz; a végén a befejezés végrehajtása
script-command-back = vissza az előző lépéshez
script-command-leave = a szkript félretétele későbbre
kb-command-new-article = új cikk írása
kb-command-edit-article = a kiválasztott cikk szerkesztése
article-command-insert = a cikk beillesztése egy jegyzetbe
article-command-send = a cikk rögzítése a hívónak elküldöttként
article-command-edit = a cikk szerkesztése
article-command-back = vissza a kereséshez
article-command-close = a cikk bezárása

## Űrlapok
form-new-caller = Új hívó
form-new-ticket = Új jegy
form-note = Jegyzet
form-log-call = Hívás ehhez: { $key }
form-callback = Visszahívási kérés ehhez: { $key }
form-callback-context = A hívó visszahívási ígéretet kap eddig: { $when }; amit mondott, a hívásnál marad.
form-promise = Ígéret
form-keep = Ígéret teljesítése
form-reschedule = Ígéret átütemezése
form-cancel = Ígéret visszavonása
form-status = Állapot
form-priority = Hatás és sürgősség
form-category = Kategória
form-assign = Kiosztás

## Mezők: az űrlap 20 cellát ad nekik, a jelölővel és a kettősponttal együtt
field-name = név
field-organisation = szervezet
field-phone = telefon
field-email = e-mail
field-identifiers = azonosítók
field-subject = tárgy
field-note = jegyzet
field-said = a hívó mondta
field-message = üzenet
field-what = mit
field-to-whom = kinek
field-channel = csatorna
field-by-when = határidő
field-outcome = eredmény (ha van)
field-new-deadline = új határidő
field-reason = indok
field-status = állapot
field-impact = hatás
field-urgency = sürgősség
field-category = kategória
field-agent = ügyintéző

## Az ígéret kimenetele

outcome-open = nyitott
outcome-kept-on-time = időben teljesítve
outcome-kept-late = késve teljesítve
outcome-broken = nem teljesült
outcome-cancelled-in-time = időben visszavonva
outcome-rescheduled-in-time = időben áthelyezve

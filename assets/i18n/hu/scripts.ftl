# Hibaelhárítási forgatókönyvek.

event-script-started = forgatókönyv elindítva
event-script-answer = válasz
event-script-left = forgatókönyv félbehagyva
event-script-finished = forgatókönyv befejezve
timeline-script-started = forgatókönyv elindítva: { $title }
timeline-script-answer = { $question } → { $answer }
timeline-script-left = forgatókönyv félbehagyva, később folytatható: { $title }
timeline-script-finished = forgatókönyv befejezve: { $title }

script-picker-title = Forgatókönyvek · { $key }
script-resume = Folytatás: { $title } ({ $step }. lépés)
script-own = saját
script-picker-hint = { $choose } választás  { $enter } indítás  { $esc } bezárás
script-picker-errors = Kihagyott saját forgatókönyvek ({ $count }):
script-changed = A forgatókönyv megváltozott a félbehagyás óta ({ $step } már nincs meg, vagy más a válasza); folytatás az utolsó illeszkedő lépéstől.
script-step = { $step }. lépés
script-so-far = Eddig
script-choice-hint = { $keys } válasz  { $back } vissza  { $esc } később folytatom
script-text-hint = { $enter } válasz  { $back } vissza  { $esc } később folytatom
script-text-prompt = Írja be, amit a hívó mond:
script-text-required = előbb írja be a hívó válaszát
script-resolution = Javasolt megoldás
script-escalation = Továbbítás ide: { $group }
script-escalation-next-line = Továbbítás a következő szintre
script-resolution-hint = { $enter } hozzáadás jegyzetként  { $esc } bezárás
script-escalation-hint = { $enter } továbbítás most  { $esc } bezárás
script-note-context = A forgatókönyv javaslata: szerkessze, az { $enter } ment. Utána a { $status } állítja az állapotot.
script-not-known = (nem ismert)
script-no-last-contact = nincs korábbi kapcsolat
msg-script-left = Forgatókönyv félbehagyva; a { $key } folytatja.
msg-script-escalate-later = Továbbítás, ha kész: { $key }.
msg-script-gone = A jegyen félbehagyott { $script } forgatókönyv már nem létezik.

# Magyar.

## Idő

when-due-now = most esedékes
when-in = { $span } múlva
when-overdue = { $span } késés
when-today = ma { $time }
when-tomorrow = holnap { $time }
when-yesterday = tegnap { $time }
span-m = { $m }p
span-h = { $h }ó
span-h-m = { $h }ó{ $m }p
span-d = { $d }n
span-d-h = { $d }n { $h }ó
age-now = most
age-minutes = { $n }p
age-hours = { $n }ó
age-days = { $n }n
age-weeks = { $n }h
age-months = { $n }hó
age-years = { $n }é
format-date = %Y. %m. %d.
format-date-time = %Y. %m. %d. %H:%M
format-weekday-time = %b %-d., %a %H:%M
# A napok (hétfővel kezdve) és a hónapok nevei, a minták %A %a %B %b jeléhez.
date-days = hétfő kedd szerda csütörtök péntek szombat vasárnap
date-days-short = h k sze cs p szo v
date-months = január február március április május június július augusztus szeptember október november december
date-months-short = jan febr márc ápr máj jún júl aug szept okt nov dec

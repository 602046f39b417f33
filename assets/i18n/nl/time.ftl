# Nederlands.

## Tijd

when-due-now = nu
when-in = over { $span }
when-overdue = { $span } te laat
when-today = vandaag { $time }
when-tomorrow = morgen { $time }
when-yesterday = gisteren { $time }
span-m = { $m }m
span-h = { $h }u
span-h-m = { $h }u{ $m }m
span-d = { $d }d
span-d-h = { $d }d { $h }u
age-now = nu
age-minutes = { $n }m
age-hours = { $n }u
age-days = { $n }d
age-weeks = { $n }w
age-months = { $n }mnd
age-years = { $n }j
format-date = %d-%m-%Y
format-date-time = %d-%m-%Y %H:%M
format-weekday-time = %a %-d %b %H:%M
# Namen van dagen (maandag eerst) en maanden, voor %A %a %B %b in de patronen.
date-days = maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
date-days-short = ma di wo do vr za zo
date-months = januari februari maart april mei juni juli augustus september oktober november december
date-months-short = jan feb mrt apr mei jun jul aug sep okt nov dec

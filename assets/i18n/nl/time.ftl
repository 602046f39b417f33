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

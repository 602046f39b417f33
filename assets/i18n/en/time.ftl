# English. Every message the desk shows; nl.ftl and hu.ftl have the same ids (tested).
# Spans are compact (m, h, d) because they sit in narrow columns.

## Time, as src/when.rs shows it

when-due-now = due now
when-in = in { $span }
when-overdue = overdue { $span }
when-today = today { $time }
when-tomorrow = tomorrow { $time }
when-yesterday = yesterday { $time }
span-m = { $m }m
span-h = { $h }h
span-h-m = { $h }h{ $m }m
span-d = { $d }d
span-d-h = { $d }d { $h }h
age-now = now
age-minutes = { $n }m
age-hours = { $n }h
age-days = { $n }d
age-weeks = { $n }w
age-months = { $n }mo
age-years = { $n }y
# chrono strftime patterns; the names of days and months are the date-days and
# date-months lists below.
format-date = %Y-%m-%d
format-date-time = %Y-%m-%d %H:%M
format-weekday-time = %a %-d %b %H:%M
# Names of days (Monday first) and months, for the patterns' %A %a %B %b.
date-days = Monday Tuesday Wednesday Thursday Friday Saturday Sunday
date-days-short = Mon Tue Wed Thu Fri Sat Sun
date-months = January February March April May June July August September October November December
date-months-short = Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec

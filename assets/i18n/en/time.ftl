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
# chrono strftime patterns; weekday and month names follow the language.
format-date = %Y-%m-%d
format-date-time = %Y-%m-%d %H:%M
format-weekday-time = %a %-d %b %H:%M

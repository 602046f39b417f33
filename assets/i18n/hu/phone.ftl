# A telefon: a csengő sáv, a hívásnapló, és a visszahívással teljesített visszahívási kérés.
command-take-call = a csengő hívás fogadása: új hívás a kiválasztott hívóval, vagy új hívó a számmal
command-calls = hívásnapló: friss bejövő és kimenő, fogadott és nem fogadott hívások, jeggyel és visszahívással
ringing-unknown = ismeretlen szám
ringing-open-tickets = { $count ->
    [0] nincs nyitott jegy
    [one] 1 nyitott jegy
   *[other] { $count } nyitott jegy
}
ringing-last-promise = utolsó ígéret: { $what } ({ $outcome })
ringing-this-week = { $nth } hívás ezen a héten
ringing-take = { $key }: hívás fogadása
ringing-take-new = { $key }: új hívó ezzel a számmal
ringing-more = még { $count } csörög
msg-no-call-ringing = Nem csörög telefon.
calls-title = Hívásnapló, utolsó 7 nap
calls-none = Nincs hívás az utolsó 7 napban.
calls-callback = visszahívást kért
call-state = { $state ->
    [ringing] csörög
    [answered] fogadva
   *[missed] nem fogadott
}
kept-called-back = Visszahívva { $time }-kor, { $duration }
kept-called = Hívva { $time }-kor, még nem vette fel
timeline-call-taken = { $time }, { $duration }
timeline-call-going = { $time }, folyamatban

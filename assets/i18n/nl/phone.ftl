# De telefoon: de belbanner, het belogboek, en een terugbelverzoek nagekomen door terug te bellen.
command-take-call = neem de rinkelende oproep aan: nieuw gesprek met de beller gekozen, of een nieuwe beller met het nummer
command-calls = belogboek: recente oproepen in en uit, beantwoord en gemist, met melding en terugbelverzoek
ringing-unknown = onbekend nummer
ringing-open-tickets = { $count ->
    [0] geen open meldingen
    [one] 1 open melding
   *[other] { $count } open meldingen
}
ringing-last-promise = laatste toezegging: { $what } ({ $outcome })
ringing-this-week = { $nth } oproep deze week
ringing-take = { $key }: neem op
ringing-take-new = { $key }: nieuwe beller met dit nummer
ringing-more = +{ $count } rinkelen nog
msg-no-call-ringing = Er gaat geen telefoon.
calls-title = Belogboek, laatste 7 dagen
calls-none = Geen oproepen in de laatste 7 dagen.
calls-callback = terugbelverzoek
call-state = { $state ->
    [ringing] gaat over
    [answered] beantwoord
   *[missed] gemist
}
kept-called-back = Teruggebeld om { $time }, { $duration }
kept-called = Gebeld om { $time }, nog niet opgenomen
timeline-call-taken = { $time }, { $duration }
timeline-call-going = { $time }, in gesprek

# The phone: the ringing banner, the caller log, and a callback kept by calling back.
command-take-call = take the ringing call: the new-call flow with the caller chosen, or a new caller with the number
command-calls = caller log: recent calls in and out, answered and missed, with ticket and callback
ringing-unknown = unknown number
ringing-open-tickets = { $count ->
    [0] no open tickets
    [one] 1 open ticket
   *[other] { $count } open tickets
}
ringing-last-promise = last promise: { $what } ({ $outcome })
ringing-this-week = { $nth } call this week
ringing-take = { $key }: take the call
ringing-take-new = { $key }: new caller with this number
ringing-more = +{ $count } more ringing
msg-no-call-ringing = No call is ringing.
calls-title = Caller log, last 7 days
calls-none = No calls in the last 7 days.
calls-callback = callback requested
call-state = { $state ->
    [ringing] ringing
    [answered] answered
   *[missed] missed
}
kept-called-back = Called back at { $time }, { $duration }
kept-called = Called at { $time }, no answer yet
timeline-call-taken = { $time }, { $duration }
timeline-call-going = { $time }, on the line

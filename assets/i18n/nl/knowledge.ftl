# Herkenning, storingen en grote incidenten, escalatie, oplossen bij eerste contact.

event-escalated = geëscaleerd
event-incident-linked = gekoppeld aan incident
timeline-escalated = geëscaleerd naar { $group } (lijn { $tier })
timeline-incident-linked = gekoppeld aan groot incident { $key }

# Herkenning: eerdere meldingen van de beller die lijken op de nieuwe.
earlier-best = Lijkt op { $key } van { $date }: { $subject } — { $outcome }
caller-similar = Eerdere meldingen zoals deze ({ $count })

# Storingsbanner en grote incidenten.
banner-outage = { $callers } bellers in { $minutes } min:
banner-outage-declare = { $key }: één groot incident voor allen
banner-outage-link = { $key }: koppel ze aan { $incident }
form-incident = Groot incident
form-incident-context = { $tickets ->
    [one] Koppelt 1 melding aan een nieuw groot incident.
   *[other] Koppelt { $tickets } meldingen van { $callers } bellers aan een nieuw groot incident.
}
form-link = Koppelen aan groot incident
form-link-context = { $count ->
    [one] De melding wordt gekoppeld aan het gekozen incident.
   *[other] { $count } meldingen worden gekoppeld aan het gekozen incident.
}
form-link-offer = Dit gesprek lijkt op groot incident { $key } '{ $subject }': bewaar om het te koppelen, of annuleer om het apart te houden.
field-incident = Incident
form-resolve-incident = Groot incident { $key } oplossen
form-resolve-incident-context = { $count ->
    [one] 1 gekoppelde melding staat nog open.
   *[other] { $count } gekoppelde meldingen staan nog open.
}
field-linked = Gekoppeld
resolve-linked-yes = { $count ->
    [one] oplossen met deze notitie
   *[other] alle { $count } oplossen met deze notitie
}
resolve-linked-no = open laten
field-callbacks = Terugbellen
resolve-callbacks-no = niet terugbellen
resolve-callbacks-yes = { $count ->
    [one] de beller terugbellen toezeggen
   *[other] alle { $count } bellers terugbellen toezeggen
}
resolve-callback-what = terugbellen: de storing is opgelost
incident-title = Groot incident { $key }
incident-callers = { $count ->
    [one] 1 beller getroffen:
   *[other] { $count } bellers getroffen:
}
incident-resolve-hint = { $key } lost het op; daarna kiest u wat er met de gekoppelde meldingen gebeurt.
msg-no-outage = Geen storing in de banner en geen melding open om een groot incident voor te maken.
msg-incident-is-major = Deze melding is zelf een groot incident.
msg-no-incidents = Er is geen groot incident open; { $key } maakt er een.
done-incident-declared = { $count ->
    [one] Groot incident { $key } gemaakt, 1 melding gekoppeld.
   *[other] Groot incident { $key } gemaakt, { $count } meldingen gekoppeld.
}
done-linked = { $count ->
    [one] Gekoppeld aan { $key }.
   *[other] { $count } meldingen gekoppeld aan { $key }.
}
done-incident-resolved = { $key } opgelost; gekoppelde meldingen staan nog open.
done-incident-resolved-all = { $key } opgelost met { $count } gekoppelde meldingen.
done-incident-resolved-callbacks = { $key } opgelost; { $count } keer terugbellen toegezegd.
done-incident-resolved-called = { $key } opgelost met { $count } gekoppelde meldingen; terugbellen toegezegd.
ticket-major = ‼ groot incident · { $count } bellers: { $callers }
ticket-in-incident = ⚑ hoort bij groot incident { $key } ({ $status }): { $subject }

# Escalatie.
form-escalate = { $key } escaleren
escalate-context = De volgende lijn krijgt deze overdracht bij de melding:
escalate-group = { $group } (lijn { $tier })
field-group = Naar
field-handoff = Aanvulling
form-required-group = kies een groep om naar te escaleren
handoff-ticket = { $key } { $subject } — beller { $caller }, P{ $priority }
handoff-asked = Gevraagd en beantwoord:
handoff-tried = Geprobeerd:
handoff-article = artikel gestuurd: { $title }
handoff-notes = Notities:
handoff-added = Medewerker: { $text }
done-escalated = { $key } geëscaleerd naar { $group }.
ticket-line = lijn { $tier } · { $group } · { $transfers ->
    [0] niet overgedragen
    [one] één keer overgedragen
   *[other] { $transfers }× overgedragen
}
line-all = alle lijnen
line-tier = lijn { $tier }
msg-line-filter = Wachtrij: { $line }.

# Oplossen bij eerste contact.
ticket-fcr-yes = ✓ opgelost bij eerste contact
ticket-fcr-pending = ✓ opgelost bij eerste contact (telt als het niet heropend wordt vóór { $until })
ticket-fcr-later = opgelost na { $contacts } contacten: niet bij eerste contact
ticket-fcr-reopened = heropend na oplossen: niet bij eerste contact

# messages: wat de balie zegt. Zelfde ids en variabelen als en/messages.ftl (getest).

## De statusbalk
msg-load-failed = de balie kon niet laden: { $error }
msg-not-saved = niet bewaard: { $error }
msg-not-saved-kept = niet bewaard: { $error } — je tekst blijft staan
msg-no-editor = geen editor: { $error }; zet $VISUAL of $EDITOR, of gebruik { $key } voor een korte notitie
msg-paste-cut = het plakken is ingekort tot de eerste { $count } { $count ->
        [one] teken
       *[other] tekens
    }; schrijf lange tekst in $EDITOR met { $key }
msg-no-ticket = geen melding open: kies er een in de wachtrij met { $open }, of neem een gesprek aan met { $new_call }
msg-no-promise = geen toezegging gekozen: kies er een in het paneel Toezeggingen
msg-caller-added = { $name } toegevoegd
msg-ticket-opened = { $key } geopend voor { $caller }; het gesprek is vastgelegd
msg-editor-empty = de editor gaf geen tekst terug; er is niets bewaard
msg-editor-failed = de editor stopte met een fout; { $enter } bewaart deze tekst, { $esc } gooit hem weg
msg-callback-needs-ticket = geen melding open: leg eerst het bericht van de beller vast met { $new_call }
msg-callback-config = callback_within in de config: { $error }
msg-draft-back = Je niet-bewaarde { $form } van { $when } is terug: { $enter } bewaart, { $esc } gooit weg
msg-db-waiting = wachten op de database: een ander programma schrijft erin
msg-db-waiting-for = wachten op de database: { $holder } schrijft erin
msg-save-waiting = { $waiting } — je tekst blijft staan en wordt bewaard zodra die vrij is
msg-draft-not-kept = het concept kon niet worden bewaard: { $error } — het formulier houdt je tekst vast

## Kopiëren met y
msg-copy-off = kopiëren staat uit (clipboard = false in de config)
msg-copied = { $what } gekopieerd naar het klembord
msg-not-copied = niets gekopieerd: { $reason }
copy-phone = telefoon van { $name } { $phone }
copy-no-caller = er staat geen beller in beeld
copy-no-phone = { $name } heeft geen telefoonnummer
copy-queue-empty = de wachtrij is leeg
copy-no-promise = geen toezegging gekozen
copy-no-ticket = geen melding open

## Wat er bewaard is
done-call-logged = gesprek vastgelegd op { $key }
done-note = notitie bewaard
done-status = status: { $status }
done-priority = prioriteit P{ $priority } (impact { $impact } × urgentie { $urgency })
done-category = categorie: { $category }
done-assigned = toegewezen aan { $agent }
done-promised = toegezegd aan { $to }, uiterlijk { $when }
done-kept = nagekomen: { $what }
done-rescheduled = verplaatst naar { $when }
done-cancelled = ingetrokken: { $what }
callback-what = terugbellen over: { $subject }

## Fouten van de opslag
store-database = database: { $detail }
store-not-found = niet gevonden: { $what }
store-promise-closed = die toezegging is al { $state }
store-conflict-settled = { $by } heeft dit conflict al beslecht; het ticket toont wat er bleef
store-disk-full = de schijf met { $path } is vol; maak daar ruimte vrij en probeer het opnieuw
store-busy = een ander balie-proces schrijft naar { $path } (een import, een back-up of balie forget kan even duren); probeer het zo opnieuw
store-read-only = { $path } is alleen-lezen voor jou (het bestand of de map); vraag schrijfrechten op allebei
store-damaged = { $path } is beschadigd ({ $detail }); vraag wie de balie beheert om er balie check op te draaien

## Formulieren
form-required-name = een naam is verplicht
form-required-subject = een onderwerp is verplicht
form-required-note = de notitie is leeg
form-required-what = zeg wat er is toegezegd
form-required-to = zeg aan wie het is toegezegd
form-required-reason = een reden is verplicht
form-text-too-long = dit is { $length } tekens lang; er passen er hoogstens { $limit }
form-text-one-line = dit moet één regel zijn
form-text-control = hier staat een stuurteken in ({ $character }); haal het weg
form-new-caller-hint = meerdere telefoons, e-mails of kenmerken: scheid ze met ;
form-promise-hint = uiterlijk: +2u, +30m, +4bh (kantooruren), { $time }, morgen 9:00, vr 14:00, { $date } 10:00
form-promise-context = { $key } · { $what } · aan { $to } ({ $channel })
form-priority-hint = de prioriteit volgt uit de matrix in de config, bv. impact 2 × urgentie 2 → P{ $priority }
form-assign-hint = laat leeg om hem zelf te nemen ({ $me })

## Herinneringen
reminder-due-at = om { $time }
reminder = { $key } { $to } — { $what } ({ $when })

## De tijdlijn van een melding
timeline-opened = geopend: { $text }
timeline-call-in = ☎ inkomend gesprek
timeline-call-out = ☎ uitgaand gesprek
timeline-email-in = ☎ inkomende e-mail
timeline-email-out = ☎ uitgaande e-mail
timeline-visit-in = ☎ bezoek aan de balie
timeline-visit-out = ☎ bezoek op locatie
timeline-note = notitie: { $text }
timeline-status = status { $from } → { $to }
timeline-priority = prioriteit P{ $from } → P{ $to } (impact { $impact } × urgentie { $urgency })
timeline-category = categorie { $from } → { $to }
timeline-assignee = behandelaar { $from } → { $to }
timeline-subject = onderwerp “{ $from }” → “{ $to }”
timeline-caller-merged = beller { $from } samengevoegd met { $to }
timeline-conflict-settled = { $field }: { $value } blijft, niet { $over }
timeline-renumbered = voorlopige sleutel { $from } is nu { $to } (beide vinden de melding)
timeline-promised = toegezegd, uiterlijk { $when }: { $text }
timeline-kept = nagekomen: { $text }
timeline-kept-late = nagekomen (te laat): { $text }
timeline-moved = toezegging verplaatst { $from } → { $to }
timeline-cancelled = toezegging ingetrokken

## De dienstoverdracht
handover-title = Dienstoverdracht
handover-head = Overdracht van { $agent } — volgende dienst begint { $when }
handover-promises = Toezeggingen die eerder verlopen ({ $count }):
handover-tickets = Open meldingen ({ $count }):
handover-none = geen
handover-promise = { $due } { $ticket } { $channel } aan { $to }: { $what }
handover-sla-breached = SLA { $h }u{ $m }m geleden verlopen
handover-sla-left = SLA nog { $h }u{ $m }m

## Deadlines die de medewerker typt
deadline-empty = typ wanneer, bv. +2h, +30m, morgen 9:00, vr 14:00
# Eerst de dagwoorden: op 80 kolommen valt het eind van de regel weg.
deadline-not-understood = `{ $text }` niet begrepen — schrijf morgen 9:00, vr 14:00, morgen, vr, vandaag 15:00, 15:00, +2h, +1h30m, +4bh, +2wd, JJJJ-MM-DD of JJJJ-MM-DD UU:MM
deadline-passed-today = { $time } is vandaag al voorbij — schrijf `morgen { $time }`
deadline-passed = { $when } ligt in het verleden
deadline-invalid-time = `{ $text }` is geen tijd: { $reason }
deadline-hours = uren lopen van 0 tot 23
deadline-minutes = minuten lopen van 00 tot 59
deadline-not-a-time = geen tijdstip
deadline-invalid-date = `{ $text }` staat niet op de kalender
deadline-nonexistent = { $local } bestaat niet in { $tz }: de klok springt dan vooruit — kies een andere tijd
deadline-zero = `{ $text }` komt op nul tijd uit — schrijf bv. +30m of +2h
deadline-too-far = `{ $text }` ligt te ver vooruit

# Correcties: onderwerpen, bellers, samenvoegen en het rooster.
form-edit-subject = Onderwerp aanpassen
form-edit-caller = Beller aanpassen
form-edit-caller-hint = elke wijziging blijft in de geschiedenis van de beller; scheid meerdere waarden met ;
form-merge = Bellers samenvoegen
field-keep = behouden
form-merge-hint = { $other } en { $keep } zijn één persoon: meldingen, beloftes, telefoons en e-mails van wie niet blijft gaan naar wie blijft
msg-no-caller = er is geen beller getoond: open een melding, of neem een gesprek aan met { $new_call }
form-assign-agents = behandelaars: { $agents }
form-assign-none = geen behandelaar met die naam ({ $mark } ervoor voegt een nieuwe toe)
form-assign-complete = { $key } vult aan · { $mark }naam voegt een nieuwe behandelaar toe
form-required-agent = noem de nieuwe behandelaar na de { "+" }
form-assign-several = welke behandelaar? { $agents }
form-assign-unknown = er is geen behandelaar { $name }; typ { $mark }{ $name } om een nieuwe toe te voegen
done-subject = onderwerp aangepast
done-caller-edited = { $name } aangepast
done-caller-unchanged = niets gewijzigd
done-merged = { $other } samengevoegd met { $keep } ({ $tickets } meldingen verplaatst)
form-settle = { $field } beslissen
form-settle-option = { $value } ({ $by }, { $at })
form-settle-hint = twee desks zetten dit los van elkaar; de eerste waarde geldt nu. Elke desk krijgt je keuze.
msg-no-conflict = { $key } heeft geen conflicten om te beslissen
done-settled = { $field }: { $value } blijft

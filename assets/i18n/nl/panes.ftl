# panes: wat src/ui rond de gegevens tekent — titels, kolomkoppen, lege schermen en hints.
# Titels en kolomkoppen staan in smalle panelen op 80×24: houd ze even kort als in en/panes.ftl.

## Het gesplitste scherm

too-small = terminal te klein
too-small-need = nodig { $min_width }×{ $min_height }, nu { $width }×{ $height }

## Wachtrij

queue-title = Wachtrij
queue-col-key = ticket
queue-col-caller = beller
queue-col-subject = onderwerp
queue-col-status = status
queue-col-status-short = st
queue-col-priority = P
queue-col-age = lft.
queue-col-sla = SLA
queue-priority = P{ $priority }
queue-status-new = nieuw
queue-status-open = open
queue-status-waiting-caller = wacht b.
queue-status-waiting-third = wacht 3e
queue-status-resolved = opgelost
queue-status-closed = gesloten
queue-status-tiny-new = nw
queue-status-tiny-open = open
queue-status-tiny-waiting-caller = w/b
queue-status-tiny-waiting-third = w/3
queue-status-tiny-resolved = opl
queue-status-tiny-closed = gsl

## Actief ticket

ticket-title = Actief ticket
ticket-none-open = Geen ticket open.
ticket-open-hint = { $key } opent het gekozen ticket in de Wachtrij;
ticket-new-call-hint = { $key } legt een nieuw gesprek vast.
ticket-status-line = status: { $status }   prioriteit: P{ $priority } (impact { $impact } × urgentie { $urgency })
ticket-category-line = categorie: { $category }   behandelaar: { $assignee }
ticket-caller-line = beller: { $caller }   geopend { $opened }
ticket-sla = SLA
ticket-sla-response = reactie:
ticket-sla-resolution = oplossing:
ticket-sla-due = (uiterlijk { $when })
ticket-promise = toezegging: { $what } — uiterlijk { $when } ({ $countdown })
ticket-timeline = tijdlijn

## Beller

caller-title = Beller
caller-none = Hier verschijnt de beller van het actieve ticket.
caller-prior-contacts = Eerder contact ({ $count })
caller-recent =
    { $count ->
        [one] 1 contact in { $days } dagen
       *[other] { $count } contacten in { $days } dagen
    }{ $open ->
        [0] {""}
       *[other] , { $open } over open tickets
    }
caller-last-promise = laatste toezegging: { $what } — { $outcome }
caller-open-tickets =
    { $count ->
        [one] 1 open ticket
       *[other] { $count } open tickets
    }

## Toezeggingen

promises-title = Toezeggingen
promises-summary = { $open } open · { $overdue } te laat
promises-callbacks = terugbelverzoeken, wie eerst komt, eerst maalt · { $count }
promises-col-countdown = termijn
promises-col-due = uiterlijk
promises-col-what = wat
promises-col-to = aan
promises-col-ticket = ticket
promises-col-owner = eigenaar
promises-col-channel-owner = kanaal · eigenaar

## SLA-klokken in een smalle kolom

sla-met = gehaald
sla-over = { $span } te laat

## Statusbalk

status-figures =
    { $open ->
        [one] 1 open ticket
       *[other] { $open } open tickets
    } · mijn toezeggingen: { $today } vandaag,
status-overdue = { $count } te laat
status-team-synced = team ● { $seconds }s geleden bijgewerkt
status-team-offline = team ○ offline sinds { $since }
status-team-waiting = { $count ->
    [one] 1 wijziging wacht
   *[other] { $count } wijzigingen wachten
}
status-team-conflicts = { $count ->
    [one] 1 conflict
   *[other] { $count } conflicten
}
ticket-conflict = ⚠ { $field }: { $kept_by } zette { $kept } { $kept_at }; { $lost_by } zette { $lost } { $lost_at }. { $kept } geldt nu: welke blijft? { $key }
ticket-present = ● { $names } werkt nu aan dit ticket
ticket-apart = ⚑ { $name } werkte hier ook aan terwijl jullie desks elkaar niet zagen (tot { $when }): lees de tijdlijn voor je terugbelt
status-hint-new-call = gesprek
status-hint-open = openen
status-hint-mine = mijn
status-hint-all-open = alle
status-hint-waiting = wachtend
status-hint-kept = nagekomen
status-hint-reschedule = verzetten
status-hint-cancel-promise = intrekken
status-hint-note = notitie
status-hint-promise = toezeggen
status-hint-status = status
status-hint-priority = prioriteit
status-hint-copy = kopiëren
status-hint-help = hulp
status-hint-palette = opdracht
status-hint-quit = stoppen
status-hint-focus-next = volgende

## Herinneringsbalk

banner-reminder = { $ticket } { $to } — { $what }: uiterlijk { $due }, herinnerd { $reminded }
banner-not-acted = , niets gedaan
banner-more = (+{ $count } meer; paneel Toezeggingen: { $kept } nagekomen, { $reschedule } verzetten)
banner-more-short = (+{ $count } meer)

## Welkom

welcome-title = Welkom
welcome-heading = Welkom bij balie
welcome-first-call = Druk op { $key } om je eerste gesprek vast te leggen: zoek of voeg de beller toe, dan een onderwerp.
welcome-demo = Eerst rondkijken? Stop met { $quit } en start { $demo }.
welcome-keys = { $help } toont alle toetsen, { $palette } start een opdracht op naam.

## Hulp en tekstvensters

help-title = Hulp
help-intro = Elke opdracht werkt met haar toets of vanuit het opdrachtvenster (:naam).
help-hint = { $scroll } scrollen · { $esc } of { $help } sluit
help-picker = In een zoekvenster [keys.picker]
help-form = In een formulier [keys.form]
help-choice = In een keuzeveld [keys.choice]
help-text = In de hulp, een tekst of een artikel [keys.text]
help-list = In een lijst [keys.list]
help-script = In een script [keys.script]
help-kb = In het zoeken in de kennisbank [keys.kb]
help-article = In een artikel [keys.article]
text-hint = { $scroll } scrollen · { $esc } sluit

## Opdrachtvenster

palette-title = Opdracht

## Ticket zoeken

find-ticket-title = Ticket zoeken
find-ticket-prompt = kenmerk, nummer of woorden uit het onderwerp (3 letters of meer):
find-ticket-hint = typ om te zoeken · { $choose } kiezen · { $enter } openen · { $esc } annuleren
find-ticket-none = geen ticket gevonden

## Nieuw gesprek

new-call-title = Nieuw gesprek — wie belt er?
new-call-prompt = naam, organisatie, telefoon, e-mail of code:
new-call-hint = typ om te zoeken · { $choose } kiezen · { $enter } nemen · { $esc } annuleren
new-call-new-caller = nieuwe beller
new-call-new-caller-named = nieuwe beller "{ $query }"
new-call-no-match = geen treffer — "{ $query }" toevoegen als nieuwe beller
new-call-pick-title = Nieuw gesprek — welk ticket?
new-call-pick-label = { $name } heeft open tickets. Leg dit gesprek vast bij een ervan, of open een nieuw:
new-call-the-caller = de beller
new-call-new-ticket = nieuw ticket
new-call-ago = { $age } geleden

## Formulieren

form-hint-next = { $key } volgende
form-hint-choose = { $key } keuze
form-hint-save = { $key } bewaart
form-hint-save-last = { $key } bewaart (laatste veld)
form-hint-cancel = { $key } annuleert

## Overzicht

review-title = Overzicht — open toezeggingen per medewerker
review-week = 7 dagen: { $record }
review-month = 30 dagen: { $record }
review-record = gedaan { $made }, op tijd nagekomen { $kept }, te laat { $late }, gebroken { $broken }, score { $rate }
review-no-record = geen toezeggingen gedaan
review-empty = Geen open toezeggingen, en de afgelopen 30 dagen geen toezeggingen gedaan.
review-sla = SLA: overschreden of bijna ({ $count })
review-unacted = Herinneringen waar niemand iets mee deed ({ $count })
review-unacted-line = { $owner } { $ticket } { $to } — { $what }: uiterlijk { $due }, herinnerd { $reminded } ({ $kind })
review-conflicts = Conflicten om te beslissen ({ $count }): open de melding, dan { $key }
review-conflict = { $ticket } { $field }: { $kept_by } zette { $kept }, { $lost_by } zette { $lost }
review-team-online = Teamcijfers uit de kopie van deze desk, gesynchroniseerd { $when }
review-team-offline = Teamcijfers uit de kopie van deze desk: offline sinds { $since }, laatst gesynchroniseerd { $pulled }
review-team-never = Teamcijfers uit de kopie van deze desk: nog niet gesynchroniseerd
review-hint = { $choose } kiezen · { $enter } opent · { $esc } sluit · afdrukken: { $overdue }, { $report }

merge-title = Samenvoegen met { $name }
merge-prompt = de andere vermelding van deze persoon: naam, telefoon, e-mail of kenmerk
merge-hint = typ om te zoeken · { $choose } kiezen · { $enter } samenvoegen · { $esc } annuleren
merge-nothing-typed = geen waarschijnlijke dubbelen; typ om te zoeken
merge-none = geen beller gevonden
caller-duplicate = ook bekend als { $name } ({ $value })? { $key } voegt samen

# Tudásbázis: cikkek, keresés és a cikk panel.

event-article-sent = cikk elküldve
timeline-article-sent = cikk elküldve a hívónak: { $title }

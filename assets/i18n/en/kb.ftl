# The knowledge base: articles, their search and their pane.

event-article-sent = article sent
timeline-article-sent = article sent to the caller: { $title }

# The knowledge base: articles, their search and their pane.

event-article-sent = article sent
timeline-article-sent = article sent to the caller: { $title }

kb-title = Knowledge base
kb-prompt = words of the problem; titles and tags count most:
kb-none = no article matches · { $new } writes a new one
kb-own = own
kb-some-skipped = { $count ->
    [one] one article file was skipped, see the status line
   *[other] { $count } article files were skipped, see the status line
}
kb-key-choose = choose
kb-key-open = open
kb-key-new = new
kb-key-edit = edit
kb-key-close = close
kb-key-back = back
kb-key-scroll = scroll
kb-key-page = page
kb-key-insert = into a note
kb-key-send = sent to caller
kb-usage = opened { $opened }× · sent to { $callers ->
    [one] one caller
   *[other] { $callers } callers
}, { $back } came back
kb-sent = recorded on the ticket: article sent to the caller ({ $title })
kb-edited = saved in { $file }; the articles were read again
kb-editor-failed = the article was not edited: { $error }
kb-no-folder = no folder for own articles: set knowledge_folder in the config
kb-new-title = New article
kb-index-failed = the article index was not updated: { $error }
kb-skipped = article skipped: { $file }, line { $line }: { $reason }
kb-skipped-more = ({ $count } more skipped)
kb-problem-no-front-matter = the file must start with a line of three dashes (---) followed by title: and tags:
kb-problem-unclosed = the block that starts with --- is not closed by a second --- line
kb-problem-not-key-value = expected "name: value" (title:, tags: or summary:)
kb-problem-unknown-key = unknown field "{ $key }" (use title:, tags: or summary:)
kb-problem-no-title = the article has no title: line
kb-problem-unreadable = cannot be read ({ $error })
caller-article-sent = sent '{ $title }' { $when } — { $back ->
    [yes] called again since
   *[no] not called again
}

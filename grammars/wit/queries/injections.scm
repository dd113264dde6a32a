; Documentation comments are Markdown.
((doc_comment) @injection.content
  (#set! injection.language "markdown"))

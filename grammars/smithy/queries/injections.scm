; Language injections.

; Documentation comments are CommonMark.
((doc_comment) @injection.content
  (#offset! @injection.content 0 3 0 0)
  (#set! injection.language "markdown"))

; So is the value of the @documentation trait.
(trait
  id: (shape_id
    name: (identifier) @_name)
  value: [
    (string)
    (text_block)
  ] @injection.content
  (#eq? @_name "documentation")
  (#set! injection.language "markdown"))

((comment) @injection.content
  (#set! injection.language "comment"))

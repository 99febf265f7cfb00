"""The credential knowledge base: content files -> validated records -> SQL tables -> queries."""

"""The knowledge base: strict YAML loading, validation and the model of indications and rules."""

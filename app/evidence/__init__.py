"""Evidence files on answers: uploaded to a draft's question, frozen with a submission, verified."""

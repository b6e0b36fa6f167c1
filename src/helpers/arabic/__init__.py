"""The Arabic layer: normalisation with offsets, tokens, one clitic model, one term matcher,
clause boundaries and one lexicon loader. Every analysis matches Arabic through this package."""

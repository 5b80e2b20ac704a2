module sigscope/conformance

go 1.19

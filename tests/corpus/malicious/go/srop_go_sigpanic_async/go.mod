module sigscope/corpus/srop_go_sigpanic_async

go 1.19

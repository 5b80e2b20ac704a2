module sigscope/bench/goprempt

go 1.19

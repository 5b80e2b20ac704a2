module realworld

go 1.19

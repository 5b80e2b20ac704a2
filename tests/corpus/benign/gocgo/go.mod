module sigscope.test/cgoprobe

go 1.19

"""The deadline engine: rules as office data, pure functions from a youth's facts to deadlines."""

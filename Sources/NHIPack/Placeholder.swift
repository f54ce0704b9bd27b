import NHIModel
